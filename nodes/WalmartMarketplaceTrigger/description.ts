import type { INodeProperties } from 'n8n-workflow';

export const ORDER_EVENTS = ['newOrder', 'newReleasedOrder', 'orderStatusChanged'];
export const RETURN_EVENTS = ['newReturn', 'returnStatusChanged'];

export const DEFAULT_LOOK_BACK_MINUTES = 120;
export const DEFAULT_CATCH_UP_HOURS = 48;
export const DEFAULT_CREATED_WITHIN_DAYS = 30;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'newOrder',
		options: [
			{
				name: 'New Order',
				value: 'newOrder',
				description: 'Walmart lists a new order (any line status)',
			},
			{
				name: 'New Released Order',
				value: 'newReleasedOrder',
				description: 'Walmart lists a new order as ready to fulfil (lines in Created status)',
			},
			{
				name: 'New Return',
				value: 'newReturn',
				description: 'A customer started a return',
			},
			{
				name: 'Order Status Changed',
				value: 'orderStatusChanged',
				description:
					'Order lines were acknowledged, shipped, delivered, cancelled or refunded, or their tracking changed',
			},
			{
				name: 'Return Status Changed',
				value: 'returnStatusChanged',
				description: 'Return lines were delivered back, completed or refunded',
			},
		],
	},
	{
		displayName: 'Ship Node Type',
		name: 'shipNodeType',
		type: 'options',
		default: 'SellerFulfilled',
		displayOptions: { show: { event: ORDER_EVENTS } },
		options: [
			{ name: 'Seller Fulfilled', value: 'SellerFulfilled' },
			{ name: 'Walmart Fulfilled (WFS)', value: 'WFSFulfilled' },
			{ name: '3PL Fulfilled', value: '3PLFulfilled' },
		],
	},
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		default: '',
		displayOptions: { show: { event: ORDER_EVENTS } },
		description: 'Only orders with a line of this seller SKU; leave empty for every order',
	},
	{
		displayName: 'Changes',
		name: 'orderChanges',
		type: 'multiOptions',
		default: [],
		displayOptions: { show: { event: ['orderStatusChanged'] } },
		description: 'Which changes start the workflow; leave empty for every change',
		options: [
			{ name: 'Acknowledged', value: 'acknowledged' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Delivered', value: 'delivered' },
			{ name: 'Refunded', value: 'refunded' },
			{ name: 'Shipped', value: 'shipped' },
			{ name: 'Tracking Updated', value: 'trackingUpdated' },
		],
	},
	{
		displayName: 'Return Type',
		name: 'returnType',
		type: 'options',
		default: '',
		displayOptions: { show: { event: RETURN_EVENTS } },
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Refund', value: 'REFUND' },
			{ name: 'Replacement', value: 'REPLACEMENT' },
		],
	},
	{
		displayName: 'Changes',
		name: 'returnChanges',
		type: 'multiOptions',
		default: [],
		displayOptions: { show: { event: ['returnStatusChanged'] } },
		description: 'Which changes start the workflow; leave empty for every change',
		options: [
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Delivered Back', value: 'delivered' },
			{ name: 'Refunded', value: 'refunded' },
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Catch-Up per Poll (Hours)',
				name: 'catchUpHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 720 },
				default: DEFAULT_CATCH_UP_HOURS,
				description:
					'After downtime, each poll reads at most this much of the backlog; the rest comes on the next polls. Keep it longer than the poll interval.',
			},
			{
				displayName: 'Look-Back (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 10, maxValue: 10080 },
				default: DEFAULT_LOOK_BACK_MINUTES,
				description:
					'How far each poll reads back before the previous one, for orders and returns Walmart lists later than their date. What was already emitted is not emitted again.',
			},
			{
				displayName: 'Orders Created Within (Days)',
				name: 'createdWithinDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 180 },
				default: DEFAULT_CREATED_WITHIN_DAYS,
				description:
					'Status changes are watched on orders created this recently (Walmart keeps 180 days)',
				displayOptions: { show: { '/event': ['orderStatusChanged'] } },
			},
		],
	},
];
