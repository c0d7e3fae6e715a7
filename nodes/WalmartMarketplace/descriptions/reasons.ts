import type { INodePropertyOptions } from 'n8n-workflow';

/** Walmart's US cancellation reasons; anything else is refused with INVALID_REQUEST_CONTENT. */
export const US_CANCELLATION_REASONS: INodePropertyOptions[] = [
	{
		name: 'Customer Requested Seller to Cancel',
		value: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		description:
			'The customer asked to cancel (for example an intent-to-cancel line). Use only when the customer asked. United States and Canada.',
	},
	{
		name: 'Seller Cancel: Address Not Serviceable',
		value: 'SELLER_CANCEL_ADDRESS_NOT_SERVICEABLE',
		description: 'You or your carrier cannot deliver to the shipping address. United States only.',
	},
	{
		name: 'Seller Cancel: Fraud Stop Shipment',
		value: 'SELLER_CANCEL_FRAUD_STOP_SHIPMENT',
		description:
			'Only for confirmed fraud; for suspected fraud, contact Walmart (MPFraudReq@customercare.walmart.com) first. United States only.',
	},
	{
		name: 'Seller Cancel: Out of Stock',
		value: 'SELLER_CANCEL_OUT_OF_STOCK',
		description:
			'The item is out of stock. Walmart also marks it out of stock at that warehouse until inventory is updated. United States only.',
	},
	{
		name: 'Seller Cancel: Pricing Error',
		value: 'SELLER_CANCEL_PRICING_ERROR',
		description: 'The item was listed at a wrong price. United States only.',
	},
];

export const CA_CANCELLATION_REASONS: INodePropertyOptions[] = [
	{
		name: 'Cancel by Seller (Canada Only)',
		value: 'CANCEL_BY_SELLER',
		description: 'You cancel the line for any reason of your own. Canada market only.',
	},
	{
		name: 'Customer Requested Seller to Cancel',
		value: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		description: 'The customer asked to cancel. United States and Canada.',
	},
];

/** Walmart does not document how its two Mirakl codes differ; the descriptions say so. */
export const MX_CANCELLATION_REASONS: INodePropertyOptions[] = [
	{
		name: 'Mirakl Refund 15 (Mexico Only)',
		value: 'MIRAKL_REFUND_15',
		description:
			'Walmart Mexico’s code MIRAKL_REFUND_15 (Walmart does not document how it differs from MIRAKL_REFUND_45). Mexico market only.',
	},
	{
		name: 'Mirakl Refund 45 (Mexico Only)',
		value: 'MIRAKL_REFUND_45',
		description:
			'Walmart Mexico’s code MIRAKL_REFUND_45 (Walmart does not document how it differs from MIRAKL_REFUND_15). Mexico market only.',
	},
	{
		name: 'Seller Rejection (Mexico Only)',
		value: 'SELLER_REJECTION',
		description: 'You reject the order line. Mexico market only.',
	},
];

export const CANCELLATION_REASONS_BY_MARKET: Record<string, INodePropertyOptions[]> = {
	us: US_CANCELLATION_REASONS,
	ca: CA_CANCELLATION_REASONS,
	mx: MX_CANCELLATION_REASONS,
};

/**
 * Every market's cancellation reasons in one list, for a dropdown that does not know the
 * credential's market: the US reasons first, then those only Canada has, then Mexico's, each
 * non-US one labelled with its market. A value shared by two markets appears once.
 */
export const CANCELLATION_REASON_OPTIONS: INodePropertyOptions[] = [
	...US_CANCELLATION_REASONS,
	...CA_CANCELLATION_REASONS,
	...MX_CANCELLATION_REASONS,
].filter((option, index, all) => all.findIndex((other) => other.value === option.value) === index);

/** Walmart's 22 US refund reasons, spelled exactly as its API expects (spaces and arrows too). */
export const REFUND_REASONS: string[] = [
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
];

/**
 * The refund reasons as the dropdown shows them. Walmart documents only the codes, and keeps two
 * codes for several cases (an older one and a "Category -> Reason" one); it accepts either. The
 * order is the cases sellers meet most first (a judgement: Walmart publishes no figures), each
 * pair of twins together, money adjustments last. Each description ends with the exact code, for
 * expressions and lines given as JSON.
 */
export const REFUND_REASON_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Customer Returned Item',
		value: 'Customer returned item',
		description:
			'The customer sent the item back. Returns Walmart tracks are refunded with Return → Refund; use this for items outside its returns program, such as freight or hazmat (code "Customer returned item").',
	},
	{
		name: 'Damaged Item',
		value: 'DamagedItem',
		description: 'The item arrived damaged, whatever the cause (code "DamagedItem")',
	},
	{
		name: 'Shipping & Delivery: Damaged',
		value: 'Shipping & Delivery -> Damaged',
		description:
			'The item was damaged in transit; the category form of Damaged Item (code "Shipping & Delivery -> Damaged")',
	},
	{
		name: 'Defective Item',
		value: 'DefectiveItem',
		description:
			'The item arrived intact but does not work: a product fault, not transit damage (code "DefectiveItem")',
	},
	{
		name: 'Item Not Received by Customer',
		value: 'ItemNotReceivedByCustomer',
		description:
			'The customer never got the item: lost or undelivered. Twin of Merchandise Not Received (code "ItemNotReceivedByCustomer").',
	},
	{
		name: 'Merchandise Not Received',
		value: 'Merchandise not received',
		description:
			'The same case as Item Not Received by Customer, in the other spelling; Walmart accepts both (code "Merchandise not received")',
	},
	{
		name: 'Incorrect Item Received',
		value: 'IncorrectItemReceived',
		description: 'A different item was shipped than the one ordered (code "IncorrectItemReceived")',
	},
	{
		name: 'Item Not as Advertised',
		value: 'ItemNotAsAdvertised',
		description:
			'The right item, but it does not match its listing: description, size or pictures (code "ItemNotAsAdvertised")',
	},
	{
		name: 'Missing Parts / Instructions',
		value: 'Missing Parts / Instructions',
		description:
			'Parts or instructions were missing from the package. Twin of Quality: Missing Parts / Instructions (code "Missing Parts / Instructions").',
	},
	{
		name: 'Quality: Missing Parts / Instructions',
		value: 'Quality -> Missing Parts / Instructions',
		description:
			'The same case as Missing Parts / Instructions, in the category form; Walmart accepts both (code "Quality -> Missing Parts / Instructions")',
	},
	{
		name: 'Customer Changed Mind',
		value: 'CustomerChangedMind',
		description:
			'Nothing is wrong with the item; the customer no longer wants it (code "CustomerChangedMind")',
	},
	{
		name: 'Customer Received Item Late',
		value: 'CustomerReceivedItemLate',
		description:
			'The item arrived after the promised delivery date, e.g. a partial refund as compensation (code "CustomerReceivedItemLate")',
	},
	{
		name: 'Incorrect Shipping Price',
		value: 'IncorrectShippingPrice',
		description:
			'Too much was charged for shipping; usually with charge type Shipping. Twin of Shipping & Delivery: Shipping Price Discrepancy (code "IncorrectShippingPrice").',
	},
	{
		name: 'Shipping & Delivery: Shipping Price Discrepancy',
		value: 'Shipping & Delivery -> Shipping Price Discrepancy',
		description:
			'The same case as Incorrect Shipping Price, in the category form; Walmart accepts both (code "Shipping & Delivery -> Shipping Price Discrepancy")',
	},
	{
		name: 'Cancelled Yet Shipped',
		value: 'CancelledYetShipped',
		description:
			'The order was cancelled but the line shipped anyway. Lines not yet shipped are cancelled with Cancel Lines, not refunded (code "CancelledYetShipped").',
	},
	{
		name: 'Buyer Canceled',
		value: 'Buyer canceled',
		description:
			'The buyer cancelled after the line had shipped. Lines not yet shipped are cancelled with Cancel Lines, not refunded (code "Buyer canceled").',
	},
	{
		name: 'Billing Error',
		value: 'BillingError',
		description:
			'The customer was charged a wrong amount, e.g. a wrong price; refund the difference (code "BillingError")',
	},
	{
		name: 'Tax Exempt Customer',
		value: 'TaxExemptCustomer',
		description:
			'The customer is exempt from the tax that was charged; refund the tax (code "TaxExemptCustomer")',
	},
	{
		name: 'Finance: Goodwill',
		value: 'Finance -> Goodwill',
		description:
			'A goodwill gesture, with no fault on either side established (code "Finance -> Goodwill")',
	},
	{
		name: 'Finance: Rollback',
		value: 'Finance -> Rollback',
		description:
			'The price dropped after the purchase (Walmart calls a price cut a Rollback); refund the difference (code "Finance -> Rollback")',
	},
	{
		name: 'General Adjustment',
		value: 'General adjustment',
		description:
			'Any other adjustment of the amount charged. Say why in Comments (code "General adjustment").',
	},
	{
		name: 'Others',
		value: 'Others',
		description: 'None of the reasons above. Say why in Comments (code "Others").',
	},
];

export const CHARGE_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Product', value: 'PRODUCT', description: 'The item price (charge name ItemPrice)' },
	{
		name: 'Shipping',
		value: 'SHIPPING',
		description: 'The shipping charge (charge name Shipping)',
	},
];
