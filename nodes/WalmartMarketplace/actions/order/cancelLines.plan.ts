/**
 * Pure planner for Cancel Lines: the parsed request and the live order in, the lines to cancel
 * (or what is refused) out. No n8n context, no HTTP.
 *
 * A chosen quantity means "this line ends up with at least N units cancelled", read against
 * Walmart's own state: a re-run, a retry or a second process asking for the same thing finds
 * the units already cancelled and cancels nothing more.
 */
import type { WalmartOrder } from '../../helpers/interfaces';
import { describeQuantities, lineLedger } from '../../helpers/ledger';
import {
	InputError,
	isPlainObject,
	parseLineNumber,
	parseQuantityOrAll,
	show,
} from '../../helpers/parse';
import type { LineOutcome } from '../../helpers/writeRunner';
import type { CancelLineRequest } from '../../transport/api';

export interface RequestedCancel {
	lineNumber: string;
	/** Units that should be cancelled on the line in the end, or every open unit. */
	quantity: number | 'all';
}

export interface CancelInput {
	lines: RequestedCancel[] | 'all';
	reason: string;
	/** Report lines that cannot be cancelled as skipped instead of refusing the whole item. */
	skipIneligible: boolean;
}

export interface CancelPlan {
	toCancel: CancelLineRequest[];
	/** Reported, not sent: already cancelled, or ineligible and skipped by choice. */
	skipped: LineOutcome[];
}

function describeLineNumbers(order: WalmartOrder): string {
	const numbers = order.orderLines.orderLine.map((line) => line.lineNumber);
	if (numbers.length <= 12) return numbers.join(', ');
	return `${numbers.slice(0, 10).join(', ')} … ${numbers[numbers.length - 1]} (${numbers.length} lines)`;
}

export function planCancel(order: WalmartOrder, input: CancelInput): CancelPlan {
	const purchaseOrderId = order.purchaseOrderId;
	if (order.shipNode?.type === 'WFSFulfilled') {
		throw new InputError(
			`Purchase order ${purchaseOrderId} is fulfilled by Walmart (WFS) and cannot be cancelled here`,
			'Cancel WFS orders in Seller Center or through the WFS fulfillment API.',
		);
	}
	const ledgers = new Map(
		order.orderLines.orderLine.map((line) => [String(line.lineNumber), lineLedger(line)]),
	);
	const plan: CancelPlan = { toCancel: [], skipped: [] };
	const refused: LineOutcome[] = [];
	const reason = input.reason;

	if (input.lines === 'all') {
		for (const ledger of ledgers.values()) {
			if (ledger.openQuantity > 0) {
				plan.toCancel.push({ lineNumber: ledger.lineNumber, quantity: ledger.openQuantity });
			}
		}
		if (plan.toCancel.length === 0) {
			throw new InputError(
				`Purchase order ${purchaseOrderId} has no lines left to cancel`,
				`Its lines are: ${[...ledgers.values()]
					.map((ledger) => `${ledger.lineNumber} (${describeQuantities(ledger.quantities)})`)
					.join('; ')}.`,
			);
		}
		return plan;
	}

	for (const wanted of input.lines) {
		const ledger = ledgers.get(wanted.lineNumber);
		const refuse = (message: string) =>
			refused.push({ lineNumber: wanted.lineNumber, outcome: 'skipped', reason, message });
		if (!ledger) {
			refuse(
				`Line ${wanted.lineNumber} does not exist on purchase order ${purchaseOrderId} (its lines: ${describeLineNumbers(order)})`,
			);
			continue;
		}
		const statuses = describeQuantities(ledger.quantities);
		const cancelled = ledger.cancelledQuantity;
		const open = ledger.openQuantity;
		if (wanted.quantity === 'all') {
			if (open === 0 && cancelled > 0) {
				plan.skipped.push({
					lineNumber: wanted.lineNumber,
					outcome: 'skipped',
					quantity: 0,
					reason,
					message: `Line ${wanted.lineNumber} has nothing open left (${statuses}); already cancelled units are not sent again`,
				});
			} else if (open === 0) {
				refuse(
					`Line ${wanted.lineNumber} cannot be cancelled: it is ${statuses}; only Created or Acknowledged quantity can be cancelled`,
				);
			} else {
				plan.toCancel.push({ lineNumber: wanted.lineNumber, quantity: open });
			}
			continue;
		}
		if (cancelled >= wanted.quantity) {
			plan.skipped.push({
				lineNumber: wanted.lineNumber,
				outcome: 'skipped',
				quantity: 0,
				reason,
				message: `Line ${wanted.lineNumber} already has ${cancelled} unit(s) cancelled (${statuses}), at least the ${wanted.quantity} asked for; nothing more is cancelled`,
			});
			continue;
		}
		const missing = wanted.quantity - cancelled;
		if (missing > open) {
			refuse(
				open === 0
					? `Line ${wanted.lineNumber} cannot be cancelled: it is ${statuses}; only Created or Acknowledged quantity can be cancelled`
					: `Line ${wanted.lineNumber} asks for ${wanted.quantity} unit(s) cancelled, but ${cancelled} is cancelled and only ${open} is open (${statuses})`,
			);
			continue;
		}
		plan.toCancel.push({ lineNumber: wanted.lineNumber, quantity: missing });
	}

	if (refused.length > 0 && !input.skipIneligible) {
		throw new InputError(
			refused.length === 1
				? `${refused[0].message}. Nothing was cancelled.`
				: `${refused.length} lines cannot be cancelled. Nothing was cancelled.`,
			`${refused.map((line) => line.message).join('\n')}\nRemove these lines, or set Options → Lines That Cannot Be Cancelled to "Skip Them, Cancel the Rest".`,
		);
	}
	plan.skipped.push(...refused);
	return plan;
}

/** Cancelled units per line, for read-back and excess checks. */
export function cancelledUnits(order: WalmartOrder): Map<string, number> {
	return new Map(
		order.orderLines.orderLine.map((line) => [
			String(line.lineNumber),
			lineLedger(line).cancelledQuantity,
		]),
	);
}

function parseQuantity(value: unknown, lineNumber: string): number | 'all' {
	return parseQuantityOrAll(
		value,
		`Line ${lineNumber} quantity`,
		'Enter how many units of the line should end up cancelled, such as 1, or "all" for every open unit.',
	);
}

/**
 * The chosen lines, from the form or from JSON: a bare line number means the whole line; an
 * object needs its quantity spelled out (a number, or "all"), so that a missing or blank value
 * never turns into "cancel everything".
 */
export function parseRequestedCancels(entries: unknown[], fromJson: boolean): RequestedCancel[] {
	if (entries.length === 0) {
		throw new InputError(
			'No lines to cancel were given',
			'Add at least one line, or choose "All Cancellable Lines" in Lines to Cancel.',
		);
	}
	const seen = new Set<string>();
	return entries.map((entry, position) => {
		const isEntryObject = isPlainObject(entry);
		const rawNumber = isEntryObject ? entry.lineNumber : entry;
		if (!isEntryObject && (!fromJson || typeof entry === 'boolean' || Array.isArray(entry))) {
			throw new InputError(
				`Line ${position + 1} to cancel is ${show(entry)}, which is not a line`,
				'Give each line as a line number, or as {"lineNumber": "1", "quantity": 1}.',
			);
		}
		const lineNumber = parseLineNumber(
			rawNumber,
			`Line ${position + 1} to cancel: the line number`,
		);
		let quantity: number | 'all' = 'all';
		if (isEntryObject) {
			if (!('quantity' in entry) || entry.quantity === undefined || entry.quantity === null) {
				throw new InputError(
					`Line ${lineNumber} has no quantity`,
					'Add "quantity": a whole number of units that should end up cancelled, or "all" for every open unit.',
				);
			}
			quantity = parseQuantity(entry.quantity, lineNumber);
		}
		if (seen.has(lineNumber)) {
			throw new InputError(
				`Line ${lineNumber} is listed twice`,
				'List each line once, with the total quantity that should end up cancelled.',
			);
		}
		seen.add(lineNumber);
		return { lineNumber, quantity };
	});
}
