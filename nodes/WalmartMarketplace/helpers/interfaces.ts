export interface WalmartMoney {
	currency: string;
	amount: number;
}

export interface WalmartQuantity {
	unitOfMeasurement: string;
	amount: string;
}

export interface WalmartTax {
	taxName: string;
	taxAmount: WalmartMoney;
}

export interface WalmartCharge {
	chargeType: string;
	chargeName: string;
	chargeAmount: WalmartMoney;
	tax?: WalmartTax | null;
}

export interface WalmartTrackingInfo {
	shipDateTime?: number;
	carrierName?: { carrier?: string | null; otherCarrier?: string | null };
	methodCode?: string;
	trackingNumber?: string;
	trackingURL?: string;
}

export interface WalmartOrderLineStatus {
	status: string;
	statusQuantity: WalmartQuantity;
	cancellationReason?: string | null;
	trackingInfo?: WalmartTrackingInfo | null;
}

export interface WalmartRefundCharge {
	refundReason: string;
	charge: WalmartCharge;
}

export interface WalmartLineRefund {
	refundId?: string | null;
	refundComments?: string | null;
	refundCharges?: { refundCharge: WalmartRefundCharge[] };
}

export interface WalmartOrderLine {
	lineNumber: string;
	item: {
		productName: string;
		sku: string;
		condition?: string;
		imageUrl?: string;
		weight?: { value: string | number; unit: string };
	};
	charges: { charge: WalmartCharge[] };
	orderLineQuantity: WalmartQuantity;
	statusDate: number;
	orderLineStatuses: { orderLineStatus: WalmartOrderLineStatus[] };
	refund?: WalmartLineRefund | null;
	returnOrderId?: string | null;
	intentToCancel?: string | boolean | null;
	sellerOrderId?: string;
	fulfillment?: {
		fulfillmentOption?: string;
		shipMethod?: string;
		shippingProgramType?: string;
		pickUpDateTime?: number;
	} | null;
}

export interface WalmartPostalAddress {
	name: string;
	address1: string;
	address2?: string | null;
	city: string;
	state: string;
	postalCode: string;
	country: string;
	addressType?: string;
}

export interface WalmartOrder {
	purchaseOrderId: string;
	customerOrderId: string;
	customerEmailId: string;
	orderDate: number;
	orderType?: string;
	originalCustomerOrderID?: string;
	shippingInfo: {
		phone: string;
		estimatedDeliveryDate: number;
		estimatedShipDate: number;
		methodCode: string;
		postalAddress: WalmartPostalAddress;
	};
	orderLines: { orderLine: WalmartOrderLine[] };
	shipNode?: { type?: string; name?: string; id?: string };
}

export interface WalmartListMeta {
	totalCount: number;
	limit: number;
	nextCursor?: string | null;
}

export interface WalmartOrderListResponse {
	list: {
		meta: WalmartListMeta;
		elements: { order: WalmartOrder[] };
	};
}

export interface WalmartOrderResponse {
	order: WalmartOrder;
}

export interface WalmartCurrencyAmount {
	currencyAmount: number;
	currencyUnit: string;
}

export interface WalmartReturnOrderLine {
	returnOrderLineNumber: number;
	salesOrderLineNumber?: number;
	purchaseOrderId?: string;
	purchaseOrderLineNumber?: number;
	sellerOrderId?: string;
	returnReason?: string;
	item?: { sku?: string; productName?: string; condition?: string };
	unitPrice?: WalmartCurrencyAmount;
	chargeTotals?: Array<{ name: string; value: WalmartCurrencyAmount }>;
	quantity?: { unitOfMeasure: string; measurementValue: number };
	cancellableQty?: number;
	refundedQty?: number;
	rechargeableQty?: number;
	refundChannel?: string;
	status?: string;
	statusTime?: string;
	currentDeliveryStatus?: string;
	currentRefundStatus?: string;
}

export interface WalmartReturnOrder {
	returnOrderId: string;
	customerEmailId?: string;
	customerName?: { firstName?: string; lastName?: string };
	customerOrderId: string;
	refundMode?: string;
	returnOrderDate?: string;
	returnByDate?: string;
	returnType?: string;
	replacementCustomerOrderId?: string;
	totalRefundAmount?: WalmartCurrencyAmount;
	returnOrderLines?: WalmartReturnOrderLine[];
	returnChannel?: { channelName?: string };
}

export interface WalmartReturnListResponse {
	meta: WalmartListMeta;
	returnOrders: WalmartReturnOrder[];
}

/** One entry of Walmart's error list, whichever of its several envelopes it came in. */
export interface WalmartErrorDetail {
	code: string;
	field?: string;
	description?: string;
	info?: string;
	severity?: string;
	category?: string;
}
