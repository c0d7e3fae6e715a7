/**
 * Status-change events compare how an order (or a return) stands now with how it stood when the
 * trigger last saw it. A mark is that comparison's memory: small, because the trigger keeps one
 * per recently seen order in the workflow's static data, and plain JSON for the same reason.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WalmartOrder, WalmartOrderLine, WalmartReturnOrder } from './interfaces';
import { lineLedger } from './ledger';
import { fromCents } from './money';

/** One order line: units per status, tracking numbers, number of refund charges, cents refunded. */
export interface LineMark {
	s: Record<string, number>;
	t: string[];
	n: number;
	c: number;
}

export type OrderMark = Record<string, LineMark>;

/** One return line: status, refund status, units refunded. */
export interface ReturnLineMark {
	s: string;
	r?: string;
	q: number;
}

export type ReturnMark = Record<string, ReturnLineMark>;

export type OrderChangeType =
	| 'acknowledged'
	| 'shipped'
	| 'delivered'
	| 'cancelled'
	| 'refunded'
	| 'trackingUpdated';

export type ReturnChangeType = 'delivered' | 'completed' | 'cancelled' | 'refunded';

export interface Changes {
	changes: IDataObject[];
	/** What kinds of change happened, for filters and Switch nodes. */
	types: string[];
}

function units(amount: unknown): number {
	const parsed = Number(amount ?? 0);
	return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
}

function trackingNumbers(line: WalmartOrderLine): string[] {
	const numbers = (line.orderLineStatuses?.orderLineStatus ?? [])
		.map((entry) => entry.trackingInfo?.trackingNumber)
		.filter((tracking): tracking is string => typeof tracking === 'string' && tracking !== '');
	return [...new Set(numbers)].sort();
}

function lineMark(line: WalmartOrderLine): LineMark {
	const ledger = lineLedger(line);
	const refunded = Object.values(ledger.accounts).reduce(
		(sum, account) => sum + account.refundedCents + account.refundedTaxCents,
		0,
	);
	const statuses: Record<string, number> = {};
	for (const status of Object.keys(ledger.quantities).sort()) {
		if (ledger.quantities[status] > 0) statuses[status] = ledger.quantities[status];
	}
	return { s: statuses, t: trackingNumbers(line), n: ledger.refunds.length, c: refunded };
}

/** How a newly created order stands: every unit Created, nothing shipped or refunded. */
function initialLineMark(line: WalmartOrderLine): LineMark {
	const ordered = units(line.orderLineQuantity?.amount);
	return { s: ordered > 0 ? { Created: ordered } : {}, t: [], n: 0, c: 0 };
}

function linesOf(order: WalmartOrder): WalmartOrderLine[] {
	return order.orderLines?.orderLine ?? [];
}

export function markOrder(order: WalmartOrder): OrderMark {
	const mark: OrderMark = {};
	for (const line of linesOf(order)) mark[String(line.lineNumber)] = lineMark(line);
	return mark;
}

export function initialOrderMark(order: WalmartOrder): OrderMark {
	const mark: OrderMark = {};
	for (const line of linesOf(order)) mark[String(line.lineNumber)] = initialLineMark(line);
	return mark;
}

function sameStatuses(a: Record<string, number>, b: Record<string, number>): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...keys].every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}

const TYPE_BY_STATUS: Record<string, OrderChangeType> = {
	Acknowledged: 'acknowledged',
	Shipped: 'shipped',
	Delivered: 'delivered',
	Cancelled: 'cancelled',
};

function cancellationReasons(line: WalmartOrderLine): string[] {
	const reasons = (line.orderLineStatuses?.orderLineStatus ?? [])
		.filter((entry) => entry.status === 'Cancelled' && !!entry.cancellationReason)
		.map((entry) => String(entry.cancellationReason));
	return [...new Set(reasons)];
}

/**
 * What changed on each line between two marks, or, without `before` (the order's earlier state
 * is unknown), how each line stands now with `from: null`.
 */
export function orderChanges(
	order: WalmartOrder,
	before: OrderMark | undefined,
	after: OrderMark,
): Changes {
	const changes: IDataObject[] = [];
	const types = new Set<string>();
	for (const line of linesOf(order)) {
		const lineNumber = String(line.lineNumber);
		const now = after[lineNumber];
		if (now === undefined) continue;
		const then = before === undefined ? undefined : (before[lineNumber] ?? initialLineMark(line));
		const lineTypes = new Set<string>();
		const change: IDataObject = {
			lineNumber,
			sku: line.item?.sku,
			from: then === undefined ? null : then.s,
			to: now.s,
		};
		for (const status of Object.keys(now.s)) {
			const grew = now.s[status] > (then?.s[status] ?? 0);
			if (grew && TYPE_BY_STATUS[status]) lineTypes.add(TYPE_BY_STATUS[status]);
		}
		const added = now.t.filter((tracking) => !then?.t.includes(tracking));
		const removed =
			then === undefined ? [] : then.t.filter((tracking) => !now.t.includes(tracking));
		if (added.length || removed.length) {
			change.tracking = { added, removed };
			if (then !== undefined && !lineTypes.has('shipped')) lineTypes.add('trackingUpdated');
		}
		const cancelled = (now.s.Cancelled ?? 0) - (then?.s.Cancelled ?? 0);
		if (cancelled > 0) {
			change.cancellation = { quantity: cancelled, reasons: cancellationReasons(line) };
		}
		const refundedCents = now.c - (then?.c ?? 0);
		const refunds = now.n - (then?.n ?? 0);
		if (refundedCents !== 0 || refunds !== 0) {
			change.refund = { amount: fromCents(refundedCents), refunds };
			lineTypes.add('refunded');
		}
		const moved = then === undefined || !sameStatuses(then.s, now.s);
		if (!moved && !change.tracking && !change.refund) continue;
		for (const type of lineTypes) types.add(type);
		changes.push(change);
	}
	return { changes, types: [...types] };
}

function returnLines(returnOrder: WalmartReturnOrder) {
	return returnOrder.returnOrderLines ?? [];
}

export function markReturn(returnOrder: WalmartReturnOrder): ReturnMark {
	const mark: ReturnMark = {};
	for (const line of returnLines(returnOrder)) {
		const entry: ReturnLineMark = { s: String(line.status ?? ''), q: units(line.refundedQty) };
		if (line.currentRefundStatus) entry.r = line.currentRefundStatus;
		mark[String(line.returnOrderLineNumber)] = entry;
	}
	return mark;
}

/**
 * How a newly opened return stands. Walmart's name for "nothing refunded yet" is not settled
 * (REFUND_INITIATED, or others), so the refund status is left out and not compared.
 */
export function initialReturnMark(returnOrder: WalmartReturnOrder): ReturnMark {
	const mark: ReturnMark = {};
	for (const line of returnLines(returnOrder)) {
		mark[String(line.returnOrderLineNumber)] = { s: 'INITIATED', q: 0 };
	}
	return mark;
}

function returnLineView(mark: ReturnLineMark): IDataObject {
	return { status: mark.s, refundStatus: mark.r, refundedQuantity: mark.q };
}

export function returnChanges(
	returnOrder: WalmartReturnOrder,
	before: ReturnMark | undefined,
	after: ReturnMark,
): Changes {
	const changes: IDataObject[] = [];
	const types = new Set<string>();
	for (const line of returnLines(returnOrder)) {
		const key = String(line.returnOrderLineNumber);
		const now = after[key];
		if (now === undefined) continue;
		const then = before === undefined ? undefined : (before[key] ?? { s: 'INITIATED', q: 0 });
		const statusMoved = then === undefined || then.s !== now.s;
		const refundMoved =
			then === undefined || then.q !== now.q || (then.r !== undefined && then.r !== now.r);
		if (!statusMoved && !refundMoved) continue;
		if (statusMoved && now.s !== 'INITIATED') types.add(now.s.toLowerCase());
		if (then === undefined ? now.q > 0 : refundMoved) types.add('refunded');
		changes.push({
			returnOrderLineNumber: line.returnOrderLineNumber,
			purchaseOrderId: line.purchaseOrderId,
			purchaseOrderLineNumber: line.purchaseOrderLineNumber,
			sku: line.item?.sku,
			from: then === undefined ? null : returnLineView(then),
			to: returnLineView(now),
		});
	}
	return { changes, types: [...types] };
}
