import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { WalmartOrder, WalmartOrderLine, WalmartOrderResponse } from './interfaces';
import { statusQuantities } from './simplify';
import type { WalmartFailure } from '../transport';
import { isRetryableFault, walmartApiRequest } from '../transport';

/** What happened to one requested line in a write. */
export interface LineOutcome {
	lineNumber: string;
	outcome: 'cancelled' | 'refunded' | 'skipped' | 'failed' | 'planned';
	quantity?: number;
	chargeType?: string;
	amount?: number;
	taxAmount?: number;
	reason?: string;
	message?: string;
	walmartCode?: string;
}

export interface WritePlanRequest {
	method: 'POST';
	path: string;
	body: IDataObject;
}

/**
 * The same node used by an AI agent is a `…Tool` node type. Agents get dry runs unless they
 * explicitly turn Dry Run off, so a write needs a deliberate second call.
 */
export function isDryRun(context: IExecuteFunctions, options: IDataObject): boolean {
	if (typeof options.dryRun === 'boolean') return options.dryRun;
	return context.getNode().type.endsWith('Tool');
}

export async function readOrder(
	context: IExecuteFunctions,
	purchaseOrderId: string,
	itemIndex: number,
): Promise<WalmartOrder> {
	const response = await walmartApiRequest<WalmartOrderResponse>(context, {
		method: 'GET',
		path: `/v3/orders/${encodeURIComponent(purchaseOrderId)}`,
		itemIndex,
		idempotent: true,
	});
	return response.order;
}

export function linesByNumber(order: WalmartOrder): Map<string, WalmartOrderLine> {
	return new Map(
		(order.orderLines?.orderLine ?? []).map((line) => [String(line.lineNumber), line]),
	);
}

/** Quantity still open to cancel: what is Created or Acknowledged. */
export function openQuantity(line: WalmartOrderLine): number {
	const quantities = statusQuantities(line);
	return (quantities.Created ?? 0) + (quantities.Acknowledged ?? 0);
}

export function shippedQuantity(line: WalmartOrderLine): number {
	const quantities = statusQuantities(line);
	return (quantities.Shipped ?? 0) + (quantities.Delivered ?? 0);
}

/** `Shipped 2, Cancelled 1`: how a line stands, for messages. */
export function describeStatuses(line: WalmartOrderLine): string {
	const quantities = statusQuantities(line);
	const parts = Object.keys(quantities).map((status) => `${status} ${quantities[status]}`);
	return parts.length ? parts.join(', ') : 'no status';
}

export function describeLineNumbers(order: WalmartOrder): string {
	const numbers = (order.orderLines?.orderLine ?? []).map((line) => line.lineNumber);
	if (numbers.length <= 12) return numbers.join(', ');
	return `${numbers.slice(0, 10).join(', ')} … ${numbers[numbers.length - 1]} (${numbers.length} lines)`;
}

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) {
		chunks.push(values.slice(start, start + size));
	}
	return chunks;
}

/** Line numbers as users type them: 1, "1", " 2 ", "3.0" are fine; "abc", 0 and 1.5 are not. */
export function normaliseLineNumber(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!/^\d+(\.0+)?$/.test(text)) return undefined;
	const numeric = Number(text);
	return numeric >= 1 ? String(numeric) : undefined;
}

export function summarise(outcomes: LineOutcome[]): IDataObject {
	const count = (outcome: LineOutcome['outcome']) =>
		outcomes.filter((line) => line.outcome === outcome).length;
	return {
		requested: outcomes.length,
		cancelled: count('cancelled'),
		refunded: count('refunded'),
		skipped: count('skipped'),
		failed: count('failed'),
		planned: count('planned'),
	};
}

export type WriteResult<T> =
	| { sent: true; response: T }
	| { sent: false; outcomeKnown: boolean; error: NodeApiError; failure: WalmartFailure };

/**
 * Sends a cancel or refund once. Walmart has no idempotency key, so a write that timed out or
 * met a 5xx may or may not have been applied: the caller reads the order back before deciding.
 */
export async function sendWrite<T>(
	context: IExecuteFunctions,
	request: WritePlanRequest,
	itemIndex: number,
): Promise<WriteResult<T>> {
	try {
		const response = await walmartApiRequest<T>(context, {
			method: request.method,
			path: request.path,
			body: request.body,
			itemIndex,
			idempotent: false,
		});
		return { sent: true, response };
	} catch (error) {
		const failure = (error as { walmartFailure?: WalmartFailure }).walmartFailure;
		if (!failure || !(error instanceof NodeApiError)) {
			throw new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
		}
		return { sent: false, outcomeKnown: !isRetryableFault(failure), error, failure };
	}
}

/** Walmart's first error text for a failed write, for the per-line report. */
export function failureMessage(result: { error: NodeApiError; failure: WalmartFailure }): {
	message: string;
	walmartCode?: string;
} {
	const first = result.failure.details[0];
	return {
		message: first?.description ?? result.error.message,
		walmartCode: first?.code,
	};
}

/**
 * Sends a write; when its outcome is unknown (timeout, dropped connection, 5xx), asks
 * `wasApplied` — which reads the order or return back — and resends once only if it was not.
 */
export async function sendWithReadBack<T>(
	context: IExecuteFunctions,
	request: WritePlanRequest,
	itemIndex: number,
	wasApplied: () => Promise<T | undefined>,
): Promise<{ result: WriteResult<T>; attempts: number }> {
	const first = await sendWrite<T>(context, request, itemIndex);
	if (first.sent || first.outcomeKnown) return { result: first, attempts: 1 };
	const applied = await wasApplied();
	if (applied !== undefined) return { result: { sent: true, response: applied }, attempts: 1 };
	return { result: await sendWrite<T>(context, request, itemIndex), attempts: 2 };
}

/** Output of a dry run: what would be sent, line by line, and nothing sent. */
export function dryRunOutput(
	subject: IDataObject,
	outcomes: LineOutcome[],
	requests: WritePlanRequest[],
): INodeExecutionData[] {
	return [
		{
			json: {
				dryRun: true,
				...subject,
				summary: summarise(outcomes),
				lines: outcomes as unknown as IDataObject[],
				requests: requests as unknown as IDataObject[],
			},
		},
	];
}

/**
 * Some requests of a series failed: fail the item, but carry every line's outcome so that
 * nothing is lost (with Continue On Fail, the router turns this into the item).
 */
export function partialFailure(
	context: IExecuteFunctions,
	itemIndex: number,
	outcomes: LineOutcome[],
	summary: IDataObject,
	texts: { done: LineOutcome['outcome']; verb: string; of: string; rerun: string },
): NodeOperationError {
	const done = outcomes.filter((line) => line.outcome === texts.done);
	const failed = outcomes.filter((line) => line.outcome === 'failed');
	const doneLines = [...new Set(done.map((line) => line.lineNumber))];
	const error = new NodeOperationError(
		context.getNode(),
		`${texts.verb} ${done.length} of ${done.length + failed.length} ${texts.of}; ${failed.length} failed`,
		{
			itemIndex,
			description: [
				doneLines.length ? `${texts.verb}: lines ${doneLines.join(', ')}.` : '',
				`Failed: ${failed.map((line) => `line ${line.lineNumber}: ${line.message}`).join('\n')}`,
				texts.rerun,
			]
				.filter((part) => part !== '')
				.join('\n'),
		},
	);
	error.context.lineOutcomes = outcomes;
	error.context.summary = summary;
	return error;
}
