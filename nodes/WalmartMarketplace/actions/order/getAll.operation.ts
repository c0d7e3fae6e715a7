import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	orderReadOptions,
	returnAllOrLimit,
	simplifyOutput,
} from '../../descriptions/common.description';
import type { WalmartOrder, WalmartOrderListResponse } from '../../helpers/interfaces';
import { shapeOrders } from '../../helpers/simplify';
import { parseBoolean, parseOptionalText } from '../../helpers/parse';
import {
	assertDateOrder,
	assertOneOf,
	dateParameter,
	idFilter,
	orderReadQuery,
	readLimit,
	trimmedString,
} from '../../helpers/utils';
import { orderListPage, walmartApiRequestAllItems } from '../../transport';
import {
	DEFAULT_CONCURRENCY,
	MAX_CONCURRENCY,
	ORDER_CAP,
	readConcurrency,
	walmartApiRequestWindowed,
} from '../../transport/windows';

const LINE_STATUSES = ['Created', 'Acknowledged', 'Shipped', 'Delivered', 'Cancelled'];
const SHIP_NODE_TYPES = ['SellerFulfilled', 'WFSFulfilled', '3PLFulfilled'];
const ORDER_TYPES = ['REGULAR', 'REPLACEMENT'];
const SHIPPING_PROGRAMS = ['TWO_DAY', 'ONE_DAY'];

const DATE_FILTERS: Array<[name: string, label: string]> = [
	['createdStartDate', 'Created After'],
	['createdEndDate', 'Created Before'],
	['lastModifiedStartDate', 'Last Modified After'],
	['lastModifiedEndDate', 'Last Modified Before'],
	['fromExpectedShipDate', 'Expected Ship Date From'],
	['toExpectedShipDate', 'Expected Ship Date To'],
];

const properties: INodeProperties[] = [
	{
		displayName: 'Released Orders Only',
		name: 'releasedOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to read only orders released for fulfilment (lines in Created status) from Walmart’s released-orders list',
	},
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'createdStartDate',
				type: 'dateTime',
				default: '',
				description:
					'Orders created at or after this time. Walmart uses 7 days ago when empty and keeps only the last 180 days.',
			},
			{
				displayName: 'Created Before',
				name: 'createdEndDate',
				type: 'dateTime',
				default: '',
				description: 'Orders created at or before this time',
			},
			{
				displayName: 'Customer Order ID',
				name: 'customerOrderId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Expected Ship Date From',
				name: 'fromExpectedShipDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Expected Ship Date To',
				name: 'toExpectedShipDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Last Modified After',
				name: 'lastModifiedStartDate',
				type: 'dateTime',
				default: '',
				description: 'Not available with Released Orders Only',
			},
			{
				displayName: 'Last Modified Before',
				name: 'lastModifiedEndDate',
				type: 'dateTime',
				default: '',
				description: 'Not available with Released Orders Only',
			},
			{
				displayName: 'Line Status',
				name: 'status',
				type: 'options',
				default: 'Created',
				description:
					'Orders with at least one line in this status. Not available with Released Orders Only.',
				options: LINE_STATUSES.map((status) => ({ name: status, value: status })),
			},
			{
				displayName: 'Order Type',
				name: 'orderType',
				type: 'options',
				default: 'REGULAR',
				options: [
					{ name: 'Regular', value: 'REGULAR' },
					{ name: 'Replacement', value: 'REPLACEMENT' },
				],
			},
			{
				displayName: 'Purchase Order ID',
				name: 'purchaseOrderId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Ship Node Type',
				name: 'shipNodeType',
				type: 'options',
				default: 'SellerFulfilled',
				description:
					'Who fulfils the order. Walmart returns only Seller Fulfilled orders unless asked.',
				options: [
					{ name: 'Seller Fulfilled', value: 'SellerFulfilled' },
					{ name: 'Walmart Fulfilled (WFS)', value: 'WFSFulfilled' },
					{ name: '3PL Fulfilled', value: '3PLFulfilled' },
				],
			},
			{
				displayName: 'Shipping Program',
				name: 'shippingProgramType',
				type: 'options',
				default: 'TWO_DAY',
				options: [
					{ name: 'One Day', value: 'ONE_DAY' },
					{ name: 'Two Day', value: 'TWO_DAY' },
				],
			},
			{
				displayName: 'SKU',
				name: 'sku',
				type: 'string',
				default: '',
			},
		],
	},
	simplifyOutput,
	{
		...orderReadOptions,
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
				default: DEFAULT_CONCURRENCY,
				description:
					'With Return All, how many date windows to read from Walmart at once. 1 reads one page after another with the fewest calls. Results are newest first either way.',
			},
			...(orderReadOptions.options ?? []),
		],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['getAll'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

/** Builds the GET /v3/orders query from the node's filters, refusing bad input before any call. */
export function buildOrderQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	options: IDataObject,
	releasedOnly: boolean,
	itemIndex: number,
): IDataObject {
	const qs: IDataObject = {};
	const purchaseOrderId = idFilter(filters.purchaseOrderId, 'Purchase Order ID', '1796277083022');
	if (purchaseOrderId) qs.purchaseOrderId = purchaseOrderId;
	const customerOrderId = idFilter(filters.customerOrderId, 'Customer Order ID', '1535274411287');
	if (customerOrderId) qs.customerOrderId = customerOrderId;
	const sku = parseOptionalText(filters.sku, 'SKU');
	if (sku) qs.sku = sku;
	if (releasedOnly) {
		for (const name of ['status', 'lastModifiedStartDate', 'lastModifiedEndDate']) {
			if (trimmedString(filters[name])) {
				throw new NodeOperationError(
					this.getNode(),
					`The "${name}" filter cannot be combined with "Released Orders Only"`,
					{
						itemIndex,
						description:
							'Walmart’s released-orders list holds only lines in Created status and has no status or last-modified filter. Remove the filter, or switch Released Orders Only off.',
					},
				);
			}
		}
	}
	if (trimmedString(filters.status)) {
		qs.status = assertOneOf(this, filters.status, LINE_STATUSES, 'Line Status', itemIndex);
	}
	if (trimmedString(filters.shipNodeType)) {
		qs.shipNodeType = assertOneOf(
			this,
			filters.shipNodeType,
			SHIP_NODE_TYPES,
			'Ship Node Type',
			itemIndex,
		);
	}
	if (trimmedString(filters.orderType)) {
		qs.orderType = assertOneOf(this, filters.orderType, ORDER_TYPES, 'Order Type', itemIndex);
	}
	if (trimmedString(filters.shippingProgramType)) {
		qs.shippingProgramType = assertOneOf(
			this,
			filters.shippingProgramType,
			SHIPPING_PROGRAMS,
			'Shipping Program',
			itemIndex,
		);
	}
	for (const [name, label] of DATE_FILTERS) {
		const value = filters[name];
		if (value === undefined || value === null || value === '') continue;
		qs[name] = dateParameter(this, value, label, itemIndex);
	}
	assertDateOrder(
		this,
		qs.createdStartDate as string | undefined,
		qs.createdEndDate as string | undefined,
		['Created After', 'Created Before'],
		itemIndex,
	);
	assertDateOrder(
		this,
		qs.lastModifiedStartDate as string | undefined,
		qs.lastModifiedEndDate as string | undefined,
		['Last Modified After', 'Last Modified Before'],
		itemIndex,
	);
	return { ...qs, ...orderReadQuery(options).qs };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/get-all-orders
	const releasedOnly = parseBoolean(
		this.getNodeParameter('releasedOnly', i, false) as unknown,
		'Released Orders Only',
		false,
	);
	const max = readLimit(this, i);
	const filters = (this.getNodeParameter('filters', i, {}) as IDataObject) ?? {};
	const options = (this.getNodeParameter('options', i, {}) as IDataObject) ?? {};
	const simplify = parseBoolean(
		this.getNodeParameter('simplify', i, true) as unknown,
		'Simplify',
		true,
	);
	const qs = buildOrderQuery.call(this, filters, options, releasedOnly, i);

	const concurrency = readConcurrency(options.concurrency);
	const paged = {
		path: releasedOnly ? '/v3/orders/released' : '/v3/orders',
		qs,
		itemIndex: i,
		max,
		extract: orderListPage,
	};
	if (max !== undefined) {
		const orders = await walmartApiRequestAllItems<WalmartOrderListResponse, WalmartOrder>(
			this,
			paged,
		);
		return shapeOrders(orders, simplify, orderReadQuery(options).output);
	}
	// Walmart lists at most 10,000 orders per query and one page per round trip, so Return All
	// reads date windows, several at once, newest first.
	const result = await walmartApiRequestWindowed<WalmartOrderListResponse, WalmartOrder>(this, {
		...paged,
		startParam: 'createdStartDate',
		endParam: 'createdEndDate',
		fallbackRange: () => {
			// Walmart's own defaults: the last 7 days up to now.
			const now = Date.now();
			const start = Date.parse(String(qs.createdStartDate ?? '')) || now - 7 * 86_400_000;
			const end = Date.parse(String(qs.createdEndDate ?? '')) || now;
			return { start: Math.ceil(start / 1000) * 1000, end: Math.floor(end / 1000) * 1000 + 1000 };
		},
		dateOf: (order) => (typeof order.orderDate === 'number' ? order.orderDate : undefined),
		idOf: (order) => order.purchaseOrderId,
		concurrency,
		cap: ORDER_CAP,
	});
	if (result.duplicates > 0) {
		this.logger.warn(
			`Walmart listed ${result.duplicates} order(s) in two date windows; each is output once`,
		);
	}
	return shapeOrders(result.items, simplify, orderReadQuery(options).output);
}
