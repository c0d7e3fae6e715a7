// @ts-check
// Enumerations exactly as Walmart's US Marketplace specs spell them (summarised in
// docs/walmart-behaviour.md).

const LINE_STATUSES = /** @type {const} */ ([
	'Created',
	'Acknowledged',
	'Shipped',
	'Delivered',
	'Cancelled',
]);

const SHIP_NODE_TYPES = /** @type {const} */ (['SellerFulfilled', 'WFSFulfilled', '3PLFulfilled']);

const SHIPPING_PROGRAM_TYPES = /** @type {const} */ (['TWO_DAY', 'ONE_DAY']);

const ORDER_TYPES = /** @type {const} */ (['REGULAR', 'REPLACEMENT']);

/** @type {Record<string, readonly string[]>} */
const CANCELLATION_REASONS_BY_MARKET = {
	us: [
		'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		'SELLER_CANCEL_PRICING_ERROR',
		'SELLER_CANCEL_OUT_OF_STOCK',
		'SELLER_CANCEL_FRAUD_STOP_SHIPMENT',
		'SELLER_CANCEL_ADDRESS_NOT_SERVICEABLE',
	],
	ca: ['CUSTOMER_REQUESTED_SELLER_TO_CANCEL', 'CANCEL_BY_SELLER'],
	mx: ['MIRAKL_REFUND_45', 'MIRAKL_REFUND_15', 'SELLER_REJECTION'],
	cl: ['ERROR_DE_PRECIO', 'AGOTADO', 'RECHAZAR'],
};

const REFUND_REASONS = /** @type {const} */ ([
	'BillingError',
	'TaxExemptCustomer',
	'ItemNotAsAdvertised',
	'IncorrectItemReceived',
	'CancelledYetShipped',
	'ItemNotReceivedByCustomer',
	'IncorrectShippingPrice',
	'DamagedItem',
	'DefectiveItem',
	'CustomerChangedMind',
	'CustomerReceivedItemLate',
	'Missing Parts / Instructions',
	'Finance -> Goodwill',
	'Finance -> Rollback',
	'Buyer canceled',
	'Customer returned item',
	'General adjustment',
	'Merchandise not received',
	'Quality -> Missing Parts / Instructions',
	'Shipping & Delivery -> Damaged',
	'Shipping & Delivery -> Shipping Price Discrepancy',
	'Others',
]);

const CHARGE_TYPES = /** @type {const} */ (['PRODUCT', 'SHIPPING']);

const RETURN_REASONS = /** @type {const} */ ([
	'ARRIVED_LATE',
	'AUTO_RETURN',
	'BOUGHT_ANOTHER_SIZE_OR_COLOR',
	'BOUGHT_SOMEWHERE_ELSE',
	'DAMAGED',
	'DEFECTIVE',
	'DUPLICATE_ITEM',
	'INADEQUATE_QUALITY',
	'INCORRECT_ITEM',
	'LOST_AFTER_DELIVERY',
	'LOST_IN_TRANSIT',
	'LOWER_PRICE',
	'MISSING_PARTS',
	'NOT_AS_DESCRIBED',
	'NO_LONGER_WANTED',
	'RETURN_TO_SENDER',
	'SHIPPING_BOX_DAMAGED',
	'TRIED_TO_CANCEL',
	'WRONG_SIZE/POOR_FIT',
]);

const RETURN_STATUSES = /** @type {const} */ (['INITIATED', 'DELIVERED', 'COMPLETED']);

const RETURN_TYPES = /** @type {const} */ (['REFUND', 'REPLACEMENT']);

// Refund progress on a return line. Walmart documents REFUND_INITIATED and REFUND_COMPLETED;
// the other two names are the emulator's guess (UNCONFIRMED).
const RETURN_REFUND_STATUS = /** @type {const} */ ({
	pending: 'REFUND_PENDING',
	partial: 'REFUND_PARTIALLY_COMPLETED',
	completed: 'REFUND_COMPLETED',
});

const UNITS_OF_MEASUREMENT = /** @type {const} */ (['EA', 'EACH']);

// Purchase orders with many lines, for bulk-cancel tests; present whenever orderCount >= 2.
const BULK_ORDERS = /** @type {const} */ ({
	created250: {
		purchaseOrderId: '9000000000250',
		customerOrderId: '9100000000250',
		lineCount: 250,
		status: 'Created',
	},
	acknowledged150: {
		purchaseOrderId: '9000000000150',
		customerOrderId: '9100000000150',
		lineCount: 150,
		status: 'Acknowledged',
	},
});

// Seller identity echoed inside cursors, like Walmart's partnerId/sellerId.
const SELLER = /** @type {const} */ ({ partnerId: '10001078279', sellerId: '101058904' });

const MAX_CANCEL_LINES = 100;

const CHARGE_READINGS = /** @type {const} */ (['perUnit', 'lineTotal']);

// Values of trackingInfo.carrierName.carrier on the shipping endpoint, spelled as in the spec's
// enum (its prose adds long names such as "LS (LaserShip)"; the enum has the short ones). Any
// other carrier goes in otherCarrier.
const CARRIERS = /** @type {const} */ ([
	'UPS',
	'USPS',
	'FedEx',
	'Airborne',
	'OnTrac',
	'DHL Ecommerce - US',
	'DHL',
	'LS',
	'UDS',
	'UPSMI',
	'FDX',
	'PILOT',
	'ESTES',
	'SAIA',
	'FDS Express',
	'Seko Worldwide',
	'HIT Delivery',
	'FEDEXSP',
	'RL Carriers',
	'Metropolitan Warehouse & Delivery',
	'China Post',
	'YunExpress',
	'Yellow Freight Sys',
	'AIT Worldwide Logistics',
	'Chukou1',
	'Sendle',
	'Landmark Global',
	'Sunyou',
	'Yanwen',
	'4PX',
	'GLS',
	'OSM Worldwide',
	'FIRST MILE',
	'AM Trucking',
	'CEVA',
	'India Post',
	'SF Express',
	'CNE',
	'TForce Freight',
	'AxleHire',
	'LSO',
	'Royal Mail',
	'ABF Freight System',
	'WanB',
	'Roadrunner Freight',
	'Meyer Distribution',
	'AAA Cooper',
	'Canada Post',
	'Southeastern Freight Lines',
	'Japan Post',
	'Correos de Mexico',
	'XPO Logistics',
	'JD Logistics',
	'YDH',
	'JCEX',
	'Flyt',
	'Deutsche Post',
	'Better Trucks',
	'Asendia',
	'SFC',
	'UBI',
	'ePost Global',
	'YF Logistics',
	'RXO',
	'Estes Express',
	'Shypmax',
	'WIN.IT America',
	'PITT OHIO',
	'PostNord Sweden',
	'Equick',
	'Whistl',
	'Tusou',
	'Shiprocket',
	'DTDC',
	'PTS',
]);

const SHIP_METHOD_CODES = /** @type {const} */ ([
	'Standard',
	'Express',
	'OneDay',
	'Freight',
	'WhiteGlove',
	'Value',
]);

const MAX_SELLER_ORDER_ID_LENGTH = 30;

module.exports = {
	LINE_STATUSES,
	SHIP_NODE_TYPES,
	SHIPPING_PROGRAM_TYPES,
	ORDER_TYPES,
	CANCELLATION_REASONS_BY_MARKET,
	REFUND_REASONS,
	CHARGE_TYPES,
	RETURN_REASONS,
	RETURN_STATUSES,
	RETURN_TYPES,
	RETURN_REFUND_STATUS,
	UNITS_OF_MEASUREMENT,
	BULK_ORDERS,
	SELLER,
	MAX_CANCEL_LINES,
	CHARGE_READINGS,
	CARRIERS,
	SHIP_METHOD_CODES,
	MAX_SELLER_ORDER_ID_LENGTH,
};
