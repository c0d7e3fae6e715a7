import type { INodePropertyOptions } from 'n8n-workflow';

/** Walmart's US cancellation reasons; anything else is refused with INVALID_REQUEST_CONTENT. */
export const US_CANCELLATION_REASONS: INodePropertyOptions[] = [
	{
		name: 'Customer Requested Seller to Cancel',
		value: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		description:
			'The customer asked to cancel. Use only when the customer asked (for example an intent-to-cancel line).',
	},
	{
		name: 'Seller Cancel: Address Not Serviceable',
		value: 'SELLER_CANCEL_ADDRESS_NOT_SERVICEABLE',
		description: 'You or your carrier cannot deliver to the shipping address',
	},
	{
		name: 'Seller Cancel: Fraud Stop Shipment',
		value: 'SELLER_CANCEL_FRAUD_STOP_SHIPMENT',
		description:
			'Only for confirmed fraud. For suspected fraud, contact Walmart (MPFraudReq@customercare.walmart.com) first.',
	},
	{
		name: 'Seller Cancel: Out of Stock',
		value: 'SELLER_CANCEL_OUT_OF_STOCK',
		description:
			'The item is out of stock. Walmart also marks the item out of stock at that warehouse until inventory is updated.',
	},
	{
		name: 'Seller Cancel: Pricing Error',
		value: 'SELLER_CANCEL_PRICING_ERROR',
		description: 'The item was listed at a wrong price',
	},
];

export const CA_CANCELLATION_REASONS: INodePropertyOptions[] = [
	{
		name: 'Cancel by Seller (Canada)',
		value: 'CANCEL_BY_SELLER',
		description: 'The seller cancels the line (Canada market)',
	},
	{
		name: 'Customer Requested Seller to Cancel (Canada)',
		value: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		description: 'The customer asked to cancel (Canada market)',
	},
];

export const MX_CANCELLATION_REASONS: INodePropertyOptions[] = [
	{ name: 'Mirakl Refund 15 (Mexico)', value: 'MIRAKL_REFUND_15' },
	{ name: 'Mirakl Refund 45 (Mexico)', value: 'MIRAKL_REFUND_45' },
	{ name: 'Seller Rejection (Mexico)', value: 'SELLER_REJECTION' },
];

export const CANCELLATION_REASONS_BY_MARKET: Record<string, INodePropertyOptions[]> = {
	us: US_CANCELLATION_REASONS,
	ca: CA_CANCELLATION_REASONS,
	mx: MX_CANCELLATION_REASONS,
};

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

export const REFUND_REASON_OPTIONS: INodePropertyOptions[] = [...REFUND_REASONS]
	.sort((a, b) => a.localeCompare(b))
	.map((reason) => ({ name: reason, value: reason }));

export const CHARGE_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Product', value: 'PRODUCT', description: 'The item price (charge name ItemPrice)' },
	{
		name: 'Shipping',
		value: 'SHIPPING',
		description: 'The shipping charge (charge name Shipping)',
	},
];
