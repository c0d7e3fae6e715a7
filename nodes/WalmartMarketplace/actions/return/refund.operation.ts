import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { dryRunOption, simplifyOutput } from '../../descriptions/common.description';
import type {
	WalmartReturnListResponse,
	WalmartReturnOrder,
	WalmartReturnOrderLine,
} from '../../helpers/interfaces';
import { simplifyReturn } from '../../helpers/simplify';
import type { LineOutcome, WritePlanRequest } from '../../helpers/writes';
import {
	dryRunOutput,
	failureMessage,
	isDryRun,
	normaliseLineNumber,
	sendWithReadBack,
	summarise,
} from '../../helpers/writes';
import { walmartApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Return Order ID',
		name: 'returnOrderId',
		type: 'string',
		required: true,
		default: '',
		description: 'The return order ID (RMA number), as returnOrderId in Get Many returns',
	},
	{
		displayName: 'Customer Order ID',
		name: 'customerOrderId',
		type: 'string',
		default: '',
		description: 'Leave empty to take it from the return itself',
	},
	{
		displayName: 'Lines to Refund',
		name: 'lineSelection',
		type: 'options',
		default: 'all',
		options: [
			{
				name: 'All Refundable Lines',
				value: 'all',
				description: 'Every return line with quantity not yet refunded',
			},
			{ name: 'Chosen Lines', value: 'list' },
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
					{
						displayName: 'Return Line Number',
						name: 'returnOrderLineNumber',
						type: 'string',
						default: '',
						placeholder: '1',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Units to refund. 0 refunds everything not yet refunded on the line.',
					},
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
		options: [dryRunOption('return')],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['return'],
		operation: ['refund'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

function fail(context: IExecuteFunctions, itemIndex: number, message: string, fix: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description: fix });
}

async function readReturn(
	context: IExecuteFunctions,
	returnOrderId: string,
	itemIndex: number,
): Promise<WalmartReturnOrder | undefined> {
	try {
		const response = await walmartApiRequest<WalmartReturnListResponse>(context, {
			method: 'GET',
			path: '/v3/returns',
			qs: { returnOrderId },
			itemIndex,
			idempotent: true,
		});
		return (response.returnOrders ?? []).find((entry) => entry.returnOrderId === returnOrderId);
	} catch (error) {
		const failure = (error as { walmartFailure?: { status?: number } }).walmartFailure;
		if (failure?.status === 404) return undefined;
		throw new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
	}
}

function refundable(line: WalmartReturnOrderLine): number {
	const quantity = Number(line.quantity?.measurementValue ?? 0);
	return Math.max(0, quantity - Number(line.refundedQty ?? 0));
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/issue-a-refund
	const returnOrderId = String(this.getNodeParameter('returnOrderId', i, '') ?? '').trim();
	if (!/^\d{6,30}$/.test(returnOrderId)) {
		fail(
			this,
			i,
			`"Return Order ID" must be digits only, but it is ${JSON.stringify(returnOrderId)}`,
			'Use the returnOrderId from Get Many returns, such as 103738048909818825.',
		);
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const selection = this.getNodeParameter('lineSelection', i, 'all') as string;
	const dryRun = isDryRun(this, options);

	const before = await readReturn(this, returnOrderId, i);
	if (!before) {
		fail(
			this,
			i,
			`Return ${returnOrderId} was not found`,
			'Check the return order ID and the credential’s environment.',
		);
	}
	const customerOrderId =
		String(this.getNodeParameter('customerOrderId', i, '') ?? '').trim() || before.customerOrderId;
	if (customerOrderId !== before.customerOrderId) {
		fail(
			this,
			i,
			`Return ${returnOrderId} belongs to customer order ${before.customerOrderId}, not ${customerOrderId}`,
			'Leave Customer Order ID empty to use the return’s own, or correct it.',
		);
	}

	const lines = before.returnOrderLines ?? [];
	const outcomes: LineOutcome[] = [];
	const toRefund: Array<{ line: WalmartReturnOrderLine; quantity: number }> = [];
	if (selection === 'all') {
		for (const line of lines) {
			const left = refundable(line);
			if (left > 0) toRefund.push({ line, quantity: left });
			else
				outcomes.push({
					lineNumber: String(line.returnOrderLineNumber),
					outcome: 'skipped',
					message: `Return line ${line.returnOrderLineNumber} is already refunded (${line.currentRefundStatus ?? 'refunded'}); not sent again`,
				});
		}
	} else {
		const wanted = ((this.getNodeParameter('lines', i, {}) as IDataObject).line ??
			[]) as IDataObject[];
		if (wanted.length === 0)
			fail(this, i, 'No return lines were given', 'Add a line, or choose All Refundable Lines.');
		for (const entry of wanted) {
			const lineNumber = normaliseLineNumber(entry.returnOrderLineNumber);
			const line = lines.find(
				(candidate) => String(candidate.returnOrderLineNumber) === lineNumber,
			);
			if (!lineNumber || !line) {
				fail(
					this,
					i,
					`Return ${returnOrderId} has no line ${JSON.stringify(entry.returnOrderLineNumber)} (its lines: ${lines.map((candidate) => candidate.returnOrderLineNumber).join(', ')}). Nothing was refunded.`,
					'Check the return line numbers in Get Many returns.',
				);
			}
			const quantity = Number(entry.quantity ?? 0);
			if (!Number.isInteger(quantity) || quantity < 0) {
				fail(
					this,
					i,
					`Return line ${lineNumber} has the quantity ${JSON.stringify(entry.quantity)}, which is not a whole number`,
					'Enter a whole number of units, or 0 for everything not yet refunded.',
				);
			}
			const left = refundable(line);
			if (left === 0) {
				outcomes.push({
					lineNumber,
					outcome: 'skipped',
					message: `Return line ${lineNumber} is already refunded (${line.currentRefundStatus ?? 'refunded'}); not sent again`,
				});
				continue;
			}
			if (quantity > left) {
				fail(
					this,
					i,
					`Return line ${lineNumber} asks to refund ${quantity} but only ${left} is left to refund. Nothing was refunded.`,
					'Lower the quantity.',
				);
			}
			toRefund.push({ line, quantity: quantity || left });
		}
	}

	const request: WritePlanRequest = {
		method: 'POST',
		path: `/v3/returns/${encodeURIComponent(returnOrderId)}/refund`,
		body: {
			customerOrderId,
			refundLines: toRefund.map(({ line, quantity }) => ({
				returnOrderLineNumber: line.returnOrderLineNumber,
				quantity: {
					unitOfMeasure: line.quantity?.unitOfMeasure ?? 'EA',
					measurementValue: quantity,
				},
			})),
		},
	};
	const planned = (outcome: LineOutcome['outcome']) =>
		toRefund.map(({ line, quantity }) => ({
			lineNumber: String(line.returnOrderLineNumber),
			outcome,
			quantity,
		}));

	if (dryRun) {
		outcomes.push(...planned('planned'));
		return dryRunOutput({ returnOrderId }, outcomes, toRefund.length ? [request] : []);
	}
	if (toRefund.length === 0) {
		return [
			{
				json: {
					returnOrderId,
					summary: summarise(outcomes),
					lines: outcomes as unknown as IDataObject[],
				},
			},
		];
	}

	const { result } = await sendWithReadBack<IDataObject>(this, request, i, async () => {
		// Walmart may have refunded before the connection failed: its refund quantities tell.
		const now = await readReturn(this, returnOrderId, i);
		const applied = toRefund.every(({ line, quantity }) => {
			const after = now?.returnOrderLines?.find(
				(candidate) => candidate.returnOrderLineNumber === line.returnOrderLineNumber,
			);
			return Number(after?.refundedQty ?? 0) - Number(line.refundedQty ?? 0) >= quantity;
		});
		return applied ? {} : undefined;
	});
	if (!result.sent) {
		const { message } = failureMessage(result);
		throw new NodeOperationError(
			this.getNode(),
			`Walmart did not refund return ${returnOrderId}: ${message}`,
			{
				itemIndex: i,
				description:
					`${result.error.description ?? ''}\nNothing was refunded; running the node again is safe.`.trim(),
			},
		);
	}
	outcomes.push(...planned('refunded'));
	const after = (await readReturn(this, returnOrderId, i)) ?? before;
	const output = simplify ? simplifyReturn(after) : (after as unknown as IDataObject);
	return [
		{
			json: {
				...output,
				refund: { summary: summarise(outcomes), lines: outcomes as unknown as IDataObject[] },
			},
		},
	];
}
