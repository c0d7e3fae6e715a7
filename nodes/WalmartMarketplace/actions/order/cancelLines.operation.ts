import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	dryRunOption,
	orderLineNumberField,
	simplifyOutput,
} from '../../descriptions/common.description';
import {
	CA_CANCELLATION_REASONS,
	CANCELLATION_REASONS_BY_MARKET,
	MX_CANCELLATION_REASONS,
	US_CANCELLATION_REASONS,
} from '../../descriptions/reasons';
import type { WalmartOrder, WalmartOrderResponse } from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { simplifyOrder, statusQuantities } from '../../helpers/simplify';
import type { LineOutcome, WritePlanRequest } from '../../helpers/writes';
import {
	chunk,
	describeLineNumbers,
	describeStatuses,
	dryRunOutput,
	failureMessage,
	isDryRun,
	linesByNumber,
	normaliseLineNumber,
	openQuantity,
	partialFailure,
	readOrder,
	sendWithReadBack,
	summarise,
} from '../../helpers/writes';
import { CREDENTIAL_TYPE } from '../../transport';

/** Walmart refuses cancellations of more than 100 lines in one request. */
export const MAX_LINES_PER_CANCEL = 100;

const ALL_REASON_OPTIONS = [
	...US_CANCELLATION_REASONS,
	...CA_CANCELLATION_REASONS.filter(
		(option) => !US_CANCELLATION_REASONS.some((us) => us.value === option.value),
	),
	...MX_CANCELLATION_REASONS,
];

const properties: INodeProperties[] = [
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
				description: 'The line numbers entered below, each with an optional quantity',
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
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'How many units to cancel. 0 cancels all of the line’s open quantity.',
					},
				],
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default: '[{ "lineNumber": "1" }]',
		displayOptions: { show: { lineSelection: ['json'] } },
		description:
			'A list of line numbers, or of objects with lineNumber and an optional quantity, e.g. [1, 2] or [{"lineNumber": "1", "quantity": 1}]',
	},
	{
		displayName: 'Cancellation Reason',
		name: 'reason',
		type: 'options',
		default: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		description:
			'Why the lines are cancelled. Walmart accepts only its own codes; in an expression, pass one of the codes shown in brackets in the docs, e.g. SELLER_CANCEL_OUT_OF_STOCK.',
		options: ALL_REASON_OPTIONS,
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			dryRunOption('order'),
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

interface RequestedLine {
	lineNumber: string;
	/** 0 means everything still open. */
	quantity: number;
}

function parseRequestedLines(
	context: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
): RequestedLine[] {
	let list = raw;
	if (typeof list === 'string') {
		try {
			list = JSON.parse(list);
		} catch {
			throw new NodeOperationError(context.getNode(), '"Lines (JSON)" is not valid JSON', {
				itemIndex,
				description: 'Enter a list such as [1, 2] or [{"lineNumber": "1", "quantity": 1}].',
			});
		}
	}
	if (!Array.isArray(list)) list = [list];
	return (list as unknown[]).map((entry, position) => {
		const isObject = typeof entry === 'object' && entry !== null;
		const rawNumber = isObject ? (entry as IDataObject).lineNumber : entry;
		const rawQuantity = isObject ? (entry as IDataObject).quantity : undefined;
		const lineNumber = normaliseLineNumber(rawNumber);
		if (lineNumber === undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`Line ${position + 1} to cancel has the line number ${JSON.stringify(rawNumber ?? null)}, which is not a line number`,
				{
					itemIndex,
					description:
						'Line numbers are whole numbers from 1, as in lineNumber of Get Order. Check the mapping of the lines.',
				},
			);
		}
		let quantity = 0;
		if (rawQuantity !== undefined && rawQuantity !== null && rawQuantity !== '') {
			quantity = Number(rawQuantity);
			if (!Number.isInteger(quantity) || quantity < 0) {
				throw new NodeOperationError(
					context.getNode(),
					`Line ${lineNumber} has the quantity ${JSON.stringify(rawQuantity)}, which is not a whole number of units`,
					{
						itemIndex,
						description:
							'Enter a whole number of units such as 1, or 0 to cancel everything still open on the line.',
					},
				);
			}
		}
		return { lineNumber, quantity };
	});
}

function readRequestedLines(
	context: IExecuteFunctions,
	itemIndex: number,
): RequestedLine[] | 'all' {
	const selection = context.getNodeParameter('lineSelection', itemIndex, 'list') as string;
	if (selection === 'all') return 'all';
	const raw =
		selection === 'json'
			? context.getNodeParameter('linesJson', itemIndex, '[]')
			: ((context.getNodeParameter('lines', itemIndex, {}) as IDataObject).line ?? []);
	const lines = parseRequestedLines(context, raw, itemIndex);
	if (lines.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No lines to cancel were given', {
			itemIndex,
			description: 'Add at least one line, or choose "All Cancellable Lines" in Lines to Cancel.',
		});
	}
	const seen = new Set<string>();
	for (const line of lines) {
		if (seen.has(line.lineNumber)) {
			throw new NodeOperationError(context.getNode(), `Line ${line.lineNumber} is listed twice`, {
				itemIndex,
				description: 'List each line once, with the total quantity to cancel.',
			});
		}
		seen.add(line.lineNumber);
	}
	return lines;
}

interface CancelPlan {
	toCancel: Array<{ lineNumber: string; quantity: number }>;
	ineligible: LineOutcome[];
	/** Lines a previous run already cancelled: a re-run reports them instead of failing. */
	alreadyCancelled: LineOutcome[];
}

function planCancellation(
	order: WalmartOrder,
	requested: RequestedLine[] | 'all',
	reason: string,
): CancelPlan {
	const lines = linesByNumber(order);
	const plan: CancelPlan = { toCancel: [], ineligible: [], alreadyCancelled: [] };
	if (requested === 'all') {
		for (const line of lines.values()) {
			const open = openQuantity(line);
			if (open > 0) plan.toCancel.push({ lineNumber: line.lineNumber, quantity: open });
		}
		return plan;
	}
	for (const wanted of requested) {
		const line = lines.get(wanted.lineNumber);
		if (!line) {
			plan.ineligible.push({
				lineNumber: wanted.lineNumber,
				outcome: 'skipped',
				reason,
				message: `Line ${wanted.lineNumber} does not exist on purchase order ${order.purchaseOrderId} (its lines: ${describeLineNumbers(order)})`,
			});
			continue;
		}
		const open = openQuantity(line);
		const cancelled = statusQuantities(line).Cancelled ?? 0;
		if (open === 0 && cancelled > 0 && wanted.quantity <= cancelled) {
			plan.alreadyCancelled.push({
				lineNumber: wanted.lineNumber,
				outcome: 'skipped',
				quantity: wanted.quantity || cancelled,
				reason,
				message: `Line ${wanted.lineNumber} is already cancelled (${describeStatuses(line)}); not sent again`,
			});
			continue;
		}
		if (open === 0) {
			plan.ineligible.push({
				lineNumber: wanted.lineNumber,
				outcome: 'skipped',
				reason,
				message: `Line ${wanted.lineNumber} cannot be cancelled: it is ${describeStatuses(line)}; only Created or Acknowledged quantity can be cancelled`,
			});
			continue;
		}
		if (wanted.quantity > open) {
			plan.ineligible.push({
				lineNumber: wanted.lineNumber,
				outcome: 'skipped',
				quantity: wanted.quantity,
				reason,
				message: `Line ${wanted.lineNumber} asks to cancel ${wanted.quantity} but only ${open} is open (${describeStatuses(line)})`,
			});
			continue;
		}
		plan.toCancel.push({ lineNumber: wanted.lineNumber, quantity: wanted.quantity || open });
	}
	return plan;
}

function cancelRequest(
	purchaseOrderId: string,
	lines: Array<{ lineNumber: string; quantity: number }>,
	reason: string,
): WritePlanRequest {
	return {
		method: 'POST',
		path: `/v3/orders/${encodeURIComponent(purchaseOrderId)}/cancel`,
		body: {
			orderCancellation: {
				orderLines: {
					orderLine: lines.map((line) => ({
						lineNumber: line.lineNumber,
						orderLineStatuses: {
							orderLineStatus: [
								{
									status: 'Cancelled',
									cancellationReason: reason,
									statusQuantity: { unitOfMeasurement: 'EA', amount: String(line.quantity) },
								},
							],
						},
					})),
				},
			},
		},
	};
}

function cancelledQuantities(order: WalmartOrder): Map<string, number> {
	return new Map(
		(order.orderLines?.orderLine ?? []).map((line) => [
			line.lineNumber,
			statusQuantities(line).Cancelled ?? 0,
		]),
	);
}

function readReason(context: IExecuteFunctions, market: string, itemIndex: number): string {
	const raw = context.getNodeParameter('reason', itemIndex, '') as unknown;
	const reason = String(raw ?? '').trim();
	const allowed = (CANCELLATION_REASONS_BY_MARKET[market] ?? US_CANCELLATION_REASONS).map(
		(option) => String(option.value),
	);
	if (allowed.includes(reason)) return reason;
	const close = allowed.find((option) => option.toLowerCase() === reason.toLowerCase());
	throw new NodeOperationError(
		context.getNode(),
		`"Cancellation Reason" ${JSON.stringify(raw)} is not a Walmart cancellation reason for the ${market.toUpperCase()} market`,
		{
			itemIndex,
			description: close
				? `Walmart is case-sensitive: use "${close}".`
				: `Use one of: ${allowed.join(', ')}.`,
		},
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/cancel-one-or-more-order-lines
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, i);
	const reason = readReason(this, String(credentials.market ?? 'us'), i);
	const requested = readRequestedLines(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const dryRun = isDryRun(this, options);
	const skipIneligible = options.ineligible === 'skip';

	// Always plan against the order as it is now: a stale copy from an earlier node could cancel
	// lines that shipped since.
	const before = await readOrder(this, purchaseOrderId, i);
	if (before.shipNode?.type === 'WFSFulfilled') {
		throw new NodeOperationError(
			this.getNode(),
			`Purchase order ${purchaseOrderId} is fulfilled by Walmart (WFS) and cannot be cancelled here`,
			{
				itemIndex: i,
				description: 'Cancel WFS orders in Seller Center or through the WFS fulfillment API.',
			},
		);
	}
	const plan = planCancellation(before, requested, reason);
	if (plan.ineligible.length && !skipIneligible) {
		throw new NodeOperationError(
			this.getNode(),
			plan.ineligible.length === 1
				? `${plan.ineligible[0].message}. Nothing was cancelled.`
				: `${plan.ineligible.length} lines cannot be cancelled. Nothing was cancelled.`,
			{
				itemIndex: i,
				description: `${plan.ineligible.map((line) => line.message).join('\n')}\nRemove these lines, or set Options → Lines That Cannot Be Cancelled to "Skip Them, Cancel the Rest".`,
			},
		);
	}
	if (plan.toCancel.length === 0 && plan.alreadyCancelled.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Purchase order ${purchaseOrderId} has no lines left to cancel`,
			{
				itemIndex: i,
				description: `Its lines are: ${(before.orderLines?.orderLine ?? [])
					.map((line) => `${line.lineNumber} (${describeStatuses(line)})`)
					.join('; ')}.`,
			},
		);
	}

	const requests = chunk(plan.toCancel, MAX_LINES_PER_CANCEL).map((lines) => ({
		lines,
		request: cancelRequest(purchaseOrderId, lines, reason),
	}));
	const outcomes: LineOutcome[] = [...plan.alreadyCancelled, ...plan.ineligible];

	if (dryRun) {
		for (const { lines } of requests) {
			for (const line of lines) {
				outcomes.push({
					lineNumber: line.lineNumber,
					outcome: 'planned',
					quantity: line.quantity,
					reason,
				});
			}
		}
		return dryRunOutput(
			{ purchaseOrderId },
			outcomes,
			requests.map(({ request }) => request),
		);
	}

	let latest: WalmartOrder = before;
	let sentRequests = 0;
	for (const { lines, request } of requests) {
		const cancelledBefore = cancelledQuantities(latest);
		const { result, attempts } = await sendWithReadBack<WalmartOrderResponse>(
			this,
			request,
			i,
			async () => {
				latest = await readOrder(this, purchaseOrderId, i);
				const cancelledNow = cancelledQuantities(latest);
				const applied = lines.every(
					(line) =>
						(cancelledNow.get(line.lineNumber) ?? 0) -
							(cancelledBefore.get(line.lineNumber) ?? 0) >=
						line.quantity,
				);
				return applied ? { order: latest } : undefined;
			},
		);
		sentRequests += attempts;
		if (result.sent) {
			latest = result.response.order ?? latest;
			for (const line of lines) {
				outcomes.push({
					lineNumber: line.lineNumber,
					outcome: 'cancelled',
					quantity: line.quantity,
					reason,
				});
			}
		} else {
			const { message, walmartCode } = failureMessage(result);
			for (const line of lines) {
				outcomes.push({
					lineNumber: line.lineNumber,
					outcome: 'failed',
					quantity: line.quantity,
					reason,
					message,
					walmartCode,
				});
			}
		}
	}

	const summary = { ...summarise(outcomes), requests: sentRequests };
	if (outcomes.some((line) => line.outcome === 'failed')) {
		throw partialFailure(this, i, outcomes, summary, {
			done: 'cancelled',
			verb: 'Cancelled',
			of: `lines on purchase order ${purchaseOrderId}`,
			rerun:
				'Run the node again to retry: lines already cancelled are detected and not cancelled twice.',
		});
	}
	const orderOutput = simplify ? simplifyOrder(latest) : (latest as unknown as IDataObject);
	return [
		{
			json: {
				...orderOutput,
				cancellation: { summary, lines: outcomes as unknown as IDataObject[] },
			},
		},
	];
}
