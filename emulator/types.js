// @ts-check
// Shared JSDoc types. Field names and shapes follow Walmart's US Marketplace OpenAPI (orders and
// returns specs, 2024) so that what the emulator serves is what a client sees in production.

/**
 * @typedef {{ currency: string, amount: number }} Money
 * @typedef {{ taxName: string, taxAmount: Money }} Tax
 * @typedef {'PRODUCT' | 'SHIPPING'} ChargeType
 * @typedef {{ chargeType: string, chargeName: string, chargeAmount: Money, tax?: Tax }} Charge
 * @typedef {{ unitOfMeasurement: string, amount: string }} OrderQuantity
 * @typedef {{ carrier?: string, otherCarrier?: string }} CarrierName
 * @typedef {{
 *   shipDateTime: number,
 *   carrierName: CarrierName,
 *   methodCode: string,
 *   trackingNumber: string,
 *   trackingURL?: string,
 * }} TrackingInfo
 * @typedef {'Created' | 'Acknowledged' | 'Shipped' | 'Delivered' | 'Cancelled'} LineStatus
 * @typedef {{
 *   name?: string,
 *   address1: string,
 *   address2?: string,
 *   city: string,
 *   state: string,
 *   postalCode: string,
 *   country: string,
 *   dayPhone?: string,
 *   emailId?: string,
 * }} ReturnCenterAddress
 * @typedef {{
 *   status: LineStatus,
 *   statusQuantity: OrderQuantity,
 *   cancellationReason?: string,
 *   trackingInfo?: TrackingInfo,
 *   returnCenterAddress?: ReturnCenterAddress,
 * }} OrderLineStatus
 * @typedef {{ refundReason: string, charge: Charge }} RefundCharge
 * @typedef {{
 *   refundId?: string,
 *   refundComments?: string,
 *   refundCharges: { refundCharge: RefundCharge[] },
 * }} LineRefund
 * @typedef {{ value: string, unit: string }} Weight
 * `value` is a string in the spec, e.g. "1.5".
 * @typedef {{
 *   productName: string,
 *   sku: string,
 *   condition?: string,
 *   imageUrl?: string,
 *   weight?: Weight,
 * }} OrderItem
 * @typedef {{
 *   fulfillmentOption: string,
 *   shipMethod: string,
 *   pickUpDateTime: number,
 *   shippingProgramType?: string,
 * }} Fulfillment
 * @typedef {{
 *   lineNumber: string,
 *   item: OrderItem,
 *   charges: { charge: Charge[] },
 *   orderLineQuantity: OrderQuantity,
 *   statusDate: number,
 *   orderLineStatuses: { orderLineStatus: OrderLineStatus[] },
 *   returnOrderId?: string,
 *   refund?: LineRefund,
 *   originalCarrierMethod?: string,
 *   fulfillment: Fulfillment,
 *   intentToCancel?: string,
 *   sellerOrderId?: string,
 * }} OrderLine
 * `intentToCancel` is a string in the spec; the emulator sets it to "true" on lines whose customer
 * asked to cancel and leaves it out otherwise.
 * @typedef {{
 *   name: string,
 *   address1: string,
 *   address2?: string,
 *   city: string,
 *   state: string,
 *   postalCode: string,
 *   country: string,
 *   addressType: string,
 * }} PostalAddress
 * @typedef {{
 *   phone: string,
 *   estimatedDeliveryDate: number,
 *   estimatedShipDate: number,
 *   methodCode: string,
 *   postalAddress: PostalAddress,
 * }} ShippingInfo
 * @typedef {'SellerFulfilled' | 'WFSFulfilled' | '3PLFulfilled'} ShipNodeType
 * @typedef {{ currencyAmount: number, currencyUnit: string }} CurrencyAmount
 * @typedef {{
 *   purchaseOrderId: string,
 *   customerOrderId: string,
 *   customerEmailId: string,
 *   orderType: 'REGULAR' | 'REPLACEMENT',
 *   originalCustomerOrderID?: string,
 *   orderDate: number,
 *   shippingInfo: ShippingInfo,
 *   orderLines: { orderLine: OrderLine[] },
 *   paymentTypes: string[],
 *   orderSummary: { totalAmount: CurrencyAmount },
 *   shipNode: { type: ShipNodeType, name: string, id: string },
 *   lastModified: number,
 * }} Order
 * The emulator's full view of a purchase order. `lastModified` is internal (Walmart exposes no
 * such field but filters on it); the API never sends it, and sends `orderType`,
 * `originalCustomerOrderID`, `item.imageUrl` and `item.weight` only when asked to.
 */

/**
 * @typedef {{ unitOfMeasure: string, measurementValue: number }} ReturnQuantity
 * @typedef {{ name: string, value: string }} NameValue
 * @typedef {{
 *   taxName: string,
 *   taxPerUnit: CurrencyAmount,
 *   excessTax: CurrencyAmount,
 * }} ReturnTax
 * @typedef {{
 *   chargeCategory: string,
 *   chargeName: string,
 *   chargePerUnit: CurrencyAmount,
 *   isDiscount: boolean,
 *   isBillable: boolean,
 *   tax: ReturnTax[],
 *   excessCharge: CurrencyAmount,
 *   references: NameValue[],
 * }} ReturnCharge
 * @typedef {{ name: string, value: CurrencyAmount }} ChargeTotal
 * @typedef {{
 *   sequenceNo: number,
 *   eventTag: string,
 *   eventDescription: string,
 *   eventTime: string,
 *   references: NameValue[],
 * }} ReturnTrackingEvent
 * @typedef {{
 *   status: string,
 *   statusTime: string,
 *   currentRefundStatus: string,
 *   quantity: ReturnQuantity,
 * }} ReturnTrackingStatus
 * @typedef {'INITIATED' | 'DELIVERED' | 'COMPLETED'} ReturnStatus
 * @typedef {{
 *   returnOrderLineNumber: number,
 *   salesOrderLineNumber: number,
 *   returnReason: string,
 *   purchaseOrderId: string,
 *   purchaseOrderLineNumber: number,
 *   rechargeReason?: string,
 *   returnCancellationReason?: string,
 *   item: { sku: string, condition: string, productName: string, itemWeight: ReturnQuantity },
 *   charges: ReturnCharge[],
 *   unitPrice: CurrencyAmount,
 *   chargeTotals: ChargeTotal[],
 *   cancellableQty: number,
 *   quantity: ReturnQuantity,
 *   returnExpectedFlag: boolean,
 *   isFastReplacement: boolean,
 *   isKeepIt: boolean,
 *   lastItem: boolean,
 *   refundedQty: number,
 *   rechargeableQty: number,
 *   refundChannel: string,
 *   returnTrackingDetail: ReturnTrackingEvent[],
 *   status: ReturnStatus,
 *   statusTime: string,
 *   currentDeliveryStatus: string,
 *   currentRefundStatus: string,
 *   currentTrackingStatuses: ReturnTrackingStatus[],
 *   refundChannels: { refundChannelName: string, quantity: { measurementValue: number } }[],
 * }} ReturnOrderLine
 * @typedef {{
 *   groupNo: number,
 *   returnLines: { returnOrderLineNumber: number }[],
 *   labels: { labelImageURL: string, carrierInfoList: { carrierId: string, carrierName: string, serviceType: string, trackingNo: string }[] }[],
 *   returnExpectedFlag: boolean,
 * }} ReturnLineGroup
 * @typedef {{
 *   returnOrderId: string,
 *   customerEmailId: string,
 *   customerName: { firstName: string, lastName: string },
 *   customerOrderId: string,
 *   refundMode: string,
 *   returnOrderDate: string,
 *   returnByDate: string,
 *   returnType: 'REFUND' | 'REPLACEMENT',
 *   replacementCustomerOrderId?: string,
 *   totalRefundAmount: CurrencyAmount,
 *   returnLineGroups: ReturnLineGroup[],
 *   returnOrderLines: ReturnOrderLine[],
 *   returnChannel: { channelName: string },
 *   lastModified: number,
 * }} ReturnOrder
 * The emulator's full view of a return. `lastModified` (epoch ms) is internal; replacement
 * fields are sent only with replacementInfo=true.
 */

/**
 * @typedef {{
 *   code: string,
 *   field: string,
 *   description: string,
 *   info: string,
 *   severity: 'INFO' | 'WARN' | 'ERROR',
 *   category: 'APPLICATION' | 'SYSTEM' | 'REQUEST' | 'DATA',
 *   causes: unknown[],
 *   errorIdentifiers: { entry: unknown[] },
 * }} WalmartErrorItem
 */

/**
 * @typedef {'perUnit' | 'lineTotal'} ChargeReading
 * How an order line's `chargeAmount.amount` (and its tax) is read: the price of one unit, or the
 * total for the line's ordered quantity. Walmart's docs do not say which, so both are emulated.
 */

/**
 * @typedef {{ capacity: number, refillPerSecond: number }} BucketConfig
 * @typedef {BucketConfig & { endpoints?: Record<string, Partial<BucketConfig>> }} ThrottleConfig
 */

/**
 * @typedef {{ count?: number, method?: string, pathPrefix?: string }} FaultMatch
 * @typedef {FaultMatch & { type: 'throttle', replenishInMs?: number }} ThrottleFault
 * @typedef {FaultMatch & { type: 'serverError', status?: 500 | 502 | 503 | 504, bare?: boolean, applied?: boolean }} ServerErrorFault
 * @typedef {FaultMatch & { type: 'slow', delayMs: number }} SlowFault
 * @typedef {FaultMatch & { type: 'drop', when?: 'before' | 'after' }} DropFault
 * @typedef {FaultMatch & { type: 'expireToken' }} ExpireTokenFault
 * @typedef {FaultMatch & { type: 'late', applyAfterMs: number, holdMs?: number }} LateFault
 * @typedef {FaultMatch & { type: 'malformed', body?: string, contentType?: string }} MalformedFault
 * @typedef {ThrottleFault | ServerErrorFault | SlowFault | DropFault | ExpireTokenFault | LateFault | MalformedFault} Fault
 */

/**
 * @typedef {{
 *   seq: number,
 *   method: string,
 *   path: string,
 *   query: string,
 *   headers: Record<string, string | string[] | undefined>,
 *   body: unknown,
 *   status: number | null,
 *   time: number,
 *   fault?: string,
 *   outcome?: RequestOutcome,
 *   late?: { applyAt: number, state: 'pending' | 'applied' | 'rejected' | 'cancelled' },
 * }} RequestLogEntry
 * `status` is null while the request is in flight and 0 when the connection ended without a
 * response. `outcome` is what the emulator made of a request whose client never saw the answer
 * (a `drop` after applying, a `serverError` with `applied`, a `late` write once due). `late`
 * follows a `late` write: `applyAt` is when it is due (epoch ms).
 *
 * @typedef {{ status: number, error?: string }} RequestOutcome
 * `error` is `<code>: <description>` of the first error when the status is not 2xx.
 */

/**
 * @typedef {{
 *   method: string,
 *   path: string,
 *   query: URLSearchParams,
 *   rawQuery: string,
 *   headers: import('node:http').IncomingHttpHeaders,
 *   rawBody: string,
 *   body: unknown,
 *   params: Record<string, string>,
 * }} ApiRequest
 * A business or token request after routing. `params` holds path parameters; `body` is the
 * parsed JSON body on routes that take one.
 */

/**
 * @typedef {{ status: number, body: unknown, headers?: Record<string, string>, rawBody?: string, contentType?: string }} Reply
 * What a handler produces. The server adds the throttle headers and serialises `body` as JSON
 * unless `rawBody` is set.
 */

module.exports = {};
