/**
 * Pure planner for Refund Return: the parsed request and the live return in, the return lines
 * to refund (or what is refused) out. No n8n context, no HTTP.
 *
 * A chosen quantity means "this return line ends up with at least N units refunded", read
 * against Walmart's own refunded quantity, so a re-run or a second process refunds nothing more.
 */
import type { WalmartReturnOrder, WalmartReturnOrderLine } from '../../helpers/interfaces';
import {
	InputError,
	isPlainObject,
	parseLineNumber,
	parseQuantityOrAll,
	show,
} from '../../helpers/parse';
import type { LineOutcome } from '../../helpers/writeRunner';
import type { ReturnRefundLineRequest } from '../../transport/api';

export interface RequestedReturnRefund {
	lineNumber: string;
	/** Units that should end up refunded on the return line, or everything returned. */
	quantity: number | 'all';
}

export interface ReturnRefundPlan {
	toRefund: ReturnRefundLineRequest[];
	skipped: LineOutcome[];
}

function units(value: unknown): number {
	const parsed = Number(value ?? 0);
	return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
}

export function returnedUnits(line: WalmartReturnOrderLine): number {
	return units(line.quantity?.measurementValue);
}

export function refundedUnits(line: WalmartReturnOrderLine): number {
	return units(line.refundedQty);
}

export function parseRequestedReturnRefunds(entries: unknown[]): RequestedReturnRefund[] {
	if (entries.length === 0) {
		throw new InputError(
			'No return lines were given',
			'Add a line, or choose All Refundable Lines.',
		);
	}
	const seen = new Set<string>();
	return entries.map((entry, position) => {
		if (!isPlainObject(entry)) {
			throw new InputError(
				`Return line ${position + 1} is ${show(entry)}, not a line`,
				'Give each line as a return line number with its quantity.',
			);
		}
		const lineNumber = parseLineNumber(
			entry.returnOrderLineNumber,
			`Return line ${position + 1}: the return line number`,
		);
		const quantity = parseQuantityOrAll(
			entry.quantity,
			`Return line ${lineNumber} quantity`,
			'Enter how many units of the return line should end up refunded, such as 1, or "all".',
		);
		if (seen.has(lineNumber)) {
			throw new InputError(
				`Return line ${lineNumber} is listed twice`,
				'List each return line once, with the total quantity that should end up refunded.',
			);
		}
		seen.add(lineNumber);
		return { lineNumber, quantity };
	});
}

export function planReturnRefund(
	returnOrder: WalmartReturnOrder,
	wanted: RequestedReturnRefund[] | 'all',
): ReturnRefundPlan {
	const lines = returnOrder.returnOrderLines ?? [];
	const plan: ReturnRefundPlan = { toRefund: [], skipped: [] };
	const request = (line: WalmartReturnOrderLine, quantity: number) =>
		plan.toRefund.push({
			returnOrderLineNumber: line.returnOrderLineNumber,
			unitOfMeasure: line.quantity?.unitOfMeasure ?? 'EA',
			quantity,
		});
	const skip = (lineNumber: string, message: string) =>
		plan.skipped.push({ lineNumber, outcome: 'skipped', quantity: 0, message });

	if (wanted === 'all') {
		for (const line of lines) {
			const left = returnedUnits(line) - refundedUnits(line);
			if (left > 0) request(line, left);
			else {
				skip(
					String(line.returnOrderLineNumber),
					`Return line ${line.returnOrderLineNumber} is already refunded (${line.currentRefundStatus ?? 'refunded'}); not sent again`,
				);
			}
		}
		return plan;
	}
	for (const entry of wanted) {
		const line = lines.find(
			(candidate) => String(candidate.returnOrderLineNumber) === entry.lineNumber,
		);
		if (!line) {
			throw new InputError(
				`Return ${returnOrder.returnOrderId} has no line ${entry.lineNumber} (its lines: ${lines.map((candidate) => candidate.returnOrderLineNumber).join(', ')}). Nothing was refunded.`,
				'Check the return line numbers in Get Many returns.',
			);
		}
		const returned = returnedUnits(line);
		const refunded = refundedUnits(line);
		const target = entry.quantity === 'all' ? returned : entry.quantity;
		if (target > returned) {
			throw new InputError(
				`Return line ${entry.lineNumber} asks for ${target} unit(s) refunded, but only ${returned} was returned. Nothing was refunded.`,
				'Lower the quantity.',
			);
		}
		if (refunded >= target) {
			skip(
				entry.lineNumber,
				`Return line ${entry.lineNumber} already has ${refunded} unit(s) refunded, at least the ${target} asked for; nothing more is refunded`,
			);
			continue;
		}
		request(line, target - refunded);
	}
	return plan;
}

/** Refunded units per return line, for read-back and excess checks. */
export function refundedByLine(returnOrder: WalmartReturnOrder): Map<string, number> {
	return new Map(
		(returnOrder.returnOrderLines ?? []).map((line) => [
			String(line.returnOrderLineNumber),
			refundedUnits(line),
		]),
	);
}
