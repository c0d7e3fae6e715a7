import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOutput } from '../../descriptions/common.description';
import type { WalmartReturnListResponse, WalmartReturnOrder } from '../../helpers/interfaces';
import { parseBoolean } from '../../helpers/parse';
import { simplifyReturn } from '../../helpers/simplify';
import {
	assertDateOrder,
	assertOneOf,
	dateParameter,
	idFilter,
	readLimit,
	toItems,
	trimmedString,
} from '../../helpers/utils';
import { returnListPage, walmartApiRequestAllItems } from '../../transport';

const RETURN_STATUSES = ['INITIATED', 'DELIVERED', 'COMPLETED'];
const RETURN_TYPES = ['REFUND', 'REPLACEMENT'];

const DATE_FILTERS: Array<[name: string, label: string]> = [
	['returnCreationStartDate', 'Created After'],
	['returnCreationEndDate', 'Created Before'],
	['returnLastModifiedStartDate', 'Last Modified After'],
	['returnLastModifiedEndDate', 'Last Modified Before'],
];

const properties: INodeProperties[] = [
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
				name: 'returnCreationStartDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Created Before',
				name: 'returnCreationEndDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Customer Order ID',
				name: 'customerOrderId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Last Modified After',
				name: 'returnLastModifiedStartDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Last Modified Before',
				name: 'returnLastModifiedEndDate',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Return Order ID',
				name: 'returnOrderId',
				type: 'string',
				default: '',
				description: 'The return order ID, also called the RMA number',
			},
			{
				displayName: 'Return Type',
				name: 'returnType',
				type: 'options',
				default: 'REFUND',
				options: [
					{ name: 'Refund', value: 'REFUND' },
					{ name: 'Replacement', value: 'REPLACEMENT' },
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'INITIATED',
				options: [
					{ name: 'Completed', value: 'COMPLETED' },
					{ name: 'Delivered', value: 'DELIVERED' },
					{ name: 'Initiated', value: 'INITIATED' },
				],
			},
		],
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Replacement Info',
				name: 'replacementInfo',
				type: 'boolean',
				default: false,
				description:
					'Whether Walmart should add the replacement order ID, return type, recharge reason and return cancellation reason',
			},
		],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['return'],
		operation: ['getAll'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/retrieve-return-orders
	const max = readLimit(this, i);
	const filters = (this.getNodeParameter('filters', i, {}) as IDataObject) ?? {};
	const options = (this.getNodeParameter('options', i, {}) as IDataObject) ?? {};
	const simplify = parseBoolean(
		this.getNodeParameter('simplify', i, true) as unknown,
		'Simplify',
		true,
	);

	const qs: IDataObject = {};
	const returnOrderId = idFilter(filters.returnOrderId, 'Return Order ID', '103738048909818825');
	if (returnOrderId) qs.returnOrderId = returnOrderId;
	const customerOrderId = idFilter(filters.customerOrderId, 'Customer Order ID', '1535274411287');
	if (customerOrderId) qs.customerOrderId = customerOrderId;
	if (trimmedString(filters.status)) {
		qs.status = assertOneOf(this, filters.status, RETURN_STATUSES, 'Status', i);
	}
	if (trimmedString(filters.returnType)) {
		qs.returnType = assertOneOf(this, filters.returnType, RETURN_TYPES, 'Return Type', i);
	}
	for (const [name, label] of DATE_FILTERS) {
		const value = filters[name];
		if (value === undefined || value === null || value === '') continue;
		qs[name] = dateParameter(this, value, label, i);
	}
	assertDateOrder(
		this,
		qs.returnCreationStartDate as string | undefined,
		qs.returnCreationEndDate as string | undefined,
		['Created After', 'Created Before'],
		i,
	);
	assertDateOrder(
		this,
		qs.returnLastModifiedStartDate as string | undefined,
		qs.returnLastModifiedEndDate as string | undefined,
		['Last Modified After', 'Last Modified Before'],
		i,
	);
	if (parseBoolean(options.replacementInfo, 'Include Replacement Info', false)) {
		qs.replacementInfo = 'true';
	}

	const returns = await walmartApiRequestAllItems<WalmartReturnListResponse, WalmartReturnOrder>(
		this,
		{
			path: '/v3/returns',
			qs,
			itemIndex: i,
			max,
			extract: returnListPage,
		},
	);
	if (simplify) return toItems(returns.map(simplifyReturn));
	return toItems(returns as unknown as IDataObject[]);
}
