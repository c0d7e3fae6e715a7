import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderLineNumberField, simplifyOutput } from '../../descriptions/common.description';
import {
	CANCELLATION_REASON_OPTIONS,
	CANCELLATION_REASONS_BY_MARKET,
	US_CANCELLATION_REASONS,
} from '../../descriptions/reasons';
import type { WalmartOrder } from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { InputError, parseJsonList, show } from '../../helpers/parse';
import { simplifyOrder } from '../../helpers/simplify';
import type { WriteBatch } from '../../helpers/writeRunner';
import {
	chunk,
	findExcess,
	plannedTotals,
	readWriteSettings,
	runWrite,
} from '../../helpers/writeRunner';
import {
	executeOnceNotice,
	optionChoice,
	readChoice,
	readOptions,
	readSimplify,
	writeLockKey,
	writeSafetyOptions,
} from '../../helpers/writeOptions';
import { cancelOrderLinesRequest, getOrder } from '../../transport/api';
import type { CancelLineRequest } from '../../transport/api';
import { cancelledUnits, parseRequestedCancels, planCancel } from './cancelLines.plan';

/** Walmart refuses cancellations of more than 100 lines in one request. */
export const MAX_LINES_PER_CANCEL = 100;

const properties: INodeProperties[] = [
	executeOnceNotice,
	purchaseOrderIdParameter,
	{
		displayName: 'Lines to Cancel',
		name: 'lineSelection',
		type: 'options',
		default: 'list',
		options: [
			{
				name: 'Chosen Lines',
				value: 'list',
				description: 'The line numbers entered below, each with its quantity',
			},
			{
				name: 'All Cancellable Lines',
				value: 'all',
				description: 'Every line with quantity still in Created or Acknowledged status',
			},
			{
				name: 'Lines From JSON',
				value: 'json',
				description: 'A list mapped from an earlier node, such as a storefront cancellation',
			},
		],
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: { lineSelection: ['list'] } },
		options: [
			{
				name: 'line',
				displayName: 'Line',
				values: [
					orderLineNumberField,
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'string',
						default: 'all',
						placeholder: 'all',
						description:
							'How many units of this line should end up cancelled: a whole number, or "all" for every open unit. Units already cancelled count, so running the node again cancels nothing more.',
					},
				],
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default: '[{ "lineNumber": "1", "quantity": "all" }]',
		displayOptions: { show: { lineSelection: ['json'] } },
		description:
			'A list of line numbers (whole lines), or of objects with lineNumber and quantity (units that should end up cancelled, or "all"), e.g. [1, 2] or [{"lineNumber": "1", "quantity": 1}]',
	},
	{
		displayName: 'Cancellation Reason',
		name: 'reason',
		type: 'options',
		default: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		description:
			'Why the lines are cancelled. Walmart accepts only its own codes; in an expression, pass one of the codes shown in brackets in the docs, e.g. SELLER_CANCEL_OUT_OF_STOCK.',
		options: CANCELLATION_REASON_OPTIONS,
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...writeSafetyOptions('order'),
			{
				displayName: 'Lines That Cannot Be Cancelled',
				name: 'ineligible',
				type: 'options',
				default: 'fail',
				options: [
					{
						name: 'Fail the Item, Cancel Nothing',
						value: 'fail',
						description:
							'Safest: an unknown, shipped or already-cancelled line stops the whole item before any request',
					},
					{
						name: 'Skip Them, Cancel the Rest',
						value: 'skip',
						description: 'Report each such line as skipped with the reason, and cancel the others',
					},
				],
			},
		],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['cancelLines'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

function readReason(context: IExecuteFunctions, market: string, itemIndex: number): string {
	const raw = context.getNodeParameter('reason', itemIndex, '') as unknown;
	const reason = typeof raw === 'string' ? raw.trim() : '';
	const allowed = (CANCELLATION_REASONS_BY_MARKET[market] ?? US_CANCELLATION_REASONS).map(
		(option) => String(option.value),
	);
	if (allowed.includes(reason)) return reason;
	const close = allowed.find((option) => option.toLowerCase() === reason.toLowerCase());
	throw new InputError(
		`"Cancellation Reason" ${show(raw)} is not a Walmart cancellation reason for the ${market.toUpperCase()} market`,
		close ? `Walmart is case-sensitive: use "${close}".` : `Use one of: ${allowed.join(', ')}.`,
	);
}

function readLines(context: IExecuteFunctions, itemIndex: number) {
	const selection = readChoice(
		context,
		'lineSelection',
		itemIndex,
		['list', 'all', 'json'],
		'Lines to Cancel',
	);
	if (selection === 'all') return 'all' as const;
	if (selection === 'json') {
		const raw = context.getNodeParameter('linesJson', itemIndex, '[]') as unknown;
		return parseRequestedCancels(parseJsonList(raw, 'Lines (JSON)', '[1, 2]'), true);
	}
	const collection = context.getNodeParameter('lines', itemIndex, {}) as IDataObject;
	return parseRequestedCancels((collection?.line as unknown[] | undefined) ?? [], false);
}

function cancelBatch(
	purchaseOrderId: string,
	lines: CancelLineRequest[],
	reason: string,
): WriteBatch<WalmartOrder> {
	return {
		lines: lines.map((line) => ({
			lineNumber: line.lineNumber,
			outcome: 'planned',
			quantity: line.quantity,
			reason,
		})),
		request: cancelOrderLinesRequest(purchaseOrderId, lines, reason),
		isApplied: (before, now) => {
			const was = cancelledUnits(before);
			const is = cancelledUnits(now);
			return lines.every(
				(line) => (is.get(line.lineNumber) ?? 0) - (was.get(line.lineNumber) ?? 0) >= line.quantity,
			);
		},
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/cancel-one-or-more-order-lines
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const { key, market } = await writeLockKey(this, i, `order:${purchaseOrderId}`);
	const reason = readReason(this, market, i);
	const lines = readLines(this, i);
	const options = readOptions(this, i);
	const skipIneligible =
		optionChoice(options, 'ineligible', ['fail', 'skip'], 'Lines That Cannot Be Cancelled') ===
		'skip';
	const simplify = readSimplify(this, i);
	const settings = readWriteSettings(this, options);

	return await runWrite<WalmartOrder>(
		this,
		i,
		key,
		{
			subject: { purchaseOrderId },
			done: 'cancelled',
			stateKey: 'order',
			label: `purchase order ${purchaseOrderId}`,
			whereToCheck: `purchase order ${purchaseOrderId} in Seller Center (Order Management)`,
			read: async () => await getOrder(this, purchaseOrderId, i),
			plan: (order) => {
				const plan = planCancel(order, { lines, reason, skipIneligible });
				const batches = chunk(plan.toCancel, MAX_LINES_PER_CANCEL).map((lines) =>
					cancelBatch(purchaseOrderId, lines, reason),
				);
				return { batches, skipped: plan.skipped };
			},
			excess: (before, after, sent) =>
				findExcess(
					cancelledUnits(before),
					cancelledUnits(after),
					plannedTotals(
						sent,
						(line) => line.lineNumber,
						(line) => line.quantity ?? 0,
					),
					(lineNumber, added, planned) =>
						`line ${lineNumber} has ${added} more unit(s) cancelled since this run read it, but this run cancelled ${planned}`,
				),
			render: (order) => (simplify ? simplifyOrder(order) : (order as unknown as IDataObject)),
		},
		settings,
	);
}
