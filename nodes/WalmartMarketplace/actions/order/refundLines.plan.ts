/**
 * Pure planner for Refund Lines: parsed refund lines and the live order in, the refund requests
 * (or what is refused) out. No n8n context, no HTTP. Every figure comes from the line's charge
 * ledger in integer cents, which takes the stricter reading of Walmart's `chargeAmount`.
 */
import type { WalmartOrder, WalmartOrderLine } from '../../helpers/interfaces';
import type { ChargeType, LineLedger } from '../../helpers/ledger';
import { CHARGE_TYPES, describeQuantities, lineLedger } from '../../helpers/ledger';
import { formatCents } from '../../helpers/money';
import {
	InputError,
	isPlainObject,
	parseCents,
	parseChoice,
	parseLineNumber,
	parseOptionalText,
	show,
} from '../../helpers/parse';
import type { LineOutcome } from '../../helpers/writeRunner';
import type { RefundChargeRequest, RefundLineRequest } from '../../transport/api';

export interface RequestedRefund {
	lineNumber: string;
	/** Absent for full refunds, which take every charge type. */
	chargeType?: ChargeType;
	/** Positive cents; 0 for full refunds. */
	amountCents: number;
	taxCents: number;
	reason: string;
	comments?: string;
	currency?: string;
}

export interface RefundInput {
	full: boolean;
	lines: RequestedRefund[];
	allowRepeat: boolean;
}

export interface RefundPlan {
	currency: string;
	toSend: RefundLineRequest[];
	skipped: LineOutcome[];
}

const AMOUNT_FIX =
	'Enter an amount such as 12.50 (a number, or a text with at most 2 decimals); it is sent negative as Walmart requires.';

/** Parses one refund line from the form or JSON, refusing anything that is not exactly right. */
export function parseRequestedRefund(
	entry: unknown,
	position: number,
	full: boolean,
	reasons: readonly string[],
): RequestedRefund {
	if (!isPlainObject(entry)) {
		throw new InputError(
			`Refund line ${position + 1} is ${show(entry)}, not an object`,
			'Each refund line needs lineNumber and reason (and chargeType and amount for amounts per line).',
		);
	}
	const lineNumber = parseLineNumber(
		entry.lineNumber,
		`Refund line ${position + 1}: the line number`,
	);
	const rawReason = entry.reason ?? entry.refundReason;
	const reason = parseChoice(rawReason, reasons, `Line ${lineNumber} refund reason`);
	const comments = parseOptionalText(entry.comments, `Line ${lineNumber} comments`);
	const currency = parseOptionalText(entry.currency, `Line ${lineNumber} currency`)?.toUpperCase();
	if (full) return { lineNumber, amountCents: 0, taxCents: 0, reason, comments, currency };
	const chargeType = parseChoice(entry.chargeType, CHARGE_TYPES, `Line ${lineNumber} charge type`);
	const amountCents = Math.abs(
		parseCents(entry.amount, `Line ${lineNumber} ${chargeType} amount`, AMOUNT_FIX),
	);
	if (amountCents === 0) {
		throw new InputError(
			`Line ${lineNumber} ${chargeType} amount is ${show(entry.amount)}`,
			'Enter the amount to refund, such as 12.50. To refund only tax, Walmart needs an amount too.',
		);
	}
	const taxCents =
		entry.taxAmount === undefined || entry.taxAmount === null
			? 0
			: Math.abs(
					parseCents(entry.taxAmount, `Line ${lineNumber} ${chargeType} tax amount`, AMOUNT_FIX),
				);
	return { lineNumber, chargeType, amountCents, taxCents, reason, comments, currency };
}

function orderCurrency(order: WalmartOrder): string {
	for (const line of order.orderLines.orderLine) {
		for (const charge of line.charges?.charge ?? []) {
			if (charge.chargeAmount?.currency) return charge.chargeAmount.currency;
		}
	}
	return 'USD';
}

function describeLineNumbers(order: WalmartOrder): string {
	const numbers = order.orderLines.orderLine.map((line) => line.lineNumber);
	if (numbers.length <= 12) return numbers.join(', ');
	return `${numbers.slice(0, 10).join(', ')} … ${numbers[numbers.length - 1]} (${numbers.length} lines)`;
}

/** The same charge, reason, amount and tax already refunded on the line: a repeat. */
function isRepeat(ledger: LineLedger, wanted: RequestedRefund): boolean {
	return ledger.refunds.some(
		(refund) =>
			refund.chargeType === wanted.chargeType &&
			refund.reason === wanted.reason &&
			refund.amountCents === wanted.amountCents &&
			refund.taxCents === wanted.taxCents,
	);
}

function refuse(message: string, fix: string): never {
	throw new InputError(`${message} Nothing was refunded.`, fix);
}

export function planRefund(order: WalmartOrder, input: RefundInput): RefundPlan {
	const purchaseOrderId = order.purchaseOrderId;
	const currency = orderCurrency(order);
	const lines = new Map<string, WalmartOrderLine>(
		order.orderLines.orderLine.map((line) => [String(line.lineNumber), line]),
	);
	if (input.lines.length === 0) {
		throw new InputError('No lines to refund were given', 'Add at least one refund line.');
	}
	const seen = new Set<string>();
	for (const wanted of input.lines) {
		const key = input.full ? wanted.lineNumber : `${wanted.lineNumber} ${wanted.chargeType}`;
		if (seen.has(key)) {
			refuse(
				`Line ${key} is listed twice.`,
				input.full
					? 'List each line once: a full refund already takes everything left on it.'
					: 'List each line and charge type once, with the total to refund (one reason per refund).',
			);
		}
		seen.add(key);
	}

	const plan: RefundPlan = { currency, toSend: [], skipped: [] };
	const byLine = new Map<string, RefundLineRequest>();
	for (const wanted of input.lines) {
		const line = lines.get(wanted.lineNumber);
		if (!line) {
			refuse(
				`Line ${wanted.lineNumber} does not exist on purchase order ${purchaseOrderId} (its lines: ${describeLineNumbers(order)}).`,
				'Check the line number against Get Order.',
			);
		}
		if (wanted.currency !== undefined && wanted.currency !== currency) {
			refuse(
				`Line ${wanted.lineNumber} is in ${wanted.currency} but purchase order ${purchaseOrderId} was charged in ${currency}.`,
				`Refund in ${currency}, the order's currency, or leave currency out.`,
			);
		}
		const ledger = lineLedger(line);
		if (ledger.shippedQuantity === 0) {
			refuse(
				`Line ${wanted.lineNumber} has not shipped (${describeQuantities(ledger.quantities)}), and Walmart refunds only shipped or delivered lines.`,
				'Cancel unshipped lines with Cancel Lines instead, or refund after the line ships.',
			);
		}
		const skip = (message: string, extra: Partial<LineOutcome> = {}) =>
			plan.skipped.push({
				lineNumber: wanted.lineNumber,
				outcome: 'skipped',
				reason: wanted.reason,
				message,
				...extra,
			});

		let charges: RefundChargeRequest[];
		if (input.full) {
			if (ledger.fullyRefunded) {
				skip(`Line ${wanted.lineNumber} is already fully refunded; not sent again`);
				continue;
			}
			charges = CHARGE_TYPES.map((type) => ledger.accounts[type])
				.filter((account) => account.refundableCents > 0)
				.map((account) => ({
					chargeType: account.chargeType,
					chargeName: account.chargeName,
					reason: wanted.reason,
					amountCents: account.refundableCents,
					taxCents: account.refundableTaxCents,
					taxName: account.taxName ?? 'Tax1',
				}));
			if (charges.length === 0) {
				skip(`Line ${wanted.lineNumber} has nothing left to refund; not sent`);
				continue;
			}
		} else {
			const type = wanted.chargeType as ChargeType;
			const account = ledger.accounts[type];
			const amounts = {
				chargeType: type,
				amount: -wanted.amountCents / 100,
				taxAmount: -wanted.taxCents / 100,
			};
			if (!input.allowRepeat && isRepeat(ledger, wanted)) {
				skip(
					`Line ${wanted.lineNumber} already has a ${type} refund of ${formatCents(wanted.amountCents)} ${currency} (tax ${formatCents(wanted.taxCents)}) for "${wanted.reason}"; not sent again. Turn on Allow Repeat Refunds to refund it again.`,
					amounts,
				);
				continue;
			}
			if (wanted.amountCents > account.refundableCents) {
				refuse(
					`Line ${wanted.lineNumber} ${type}: refunding ${formatCents(wanted.amountCents)} ${currency} is more than the ${formatCents(account.refundableCents)} left (charged ${formatCents(account.chargedCents)}, already refunded ${formatCents(account.refundedCents)}).`,
					'Lower the amount to what is left, or check the charge type.',
				);
			}
			if (wanted.taxCents > account.refundableTaxCents) {
				refuse(
					`Line ${wanted.lineNumber} ${type}: refunding ${formatCents(wanted.taxCents)} ${currency} of tax is more than the ${formatCents(account.refundableTaxCents)} left (charged ${formatCents(account.chargedTaxCents)}, already refunded ${formatCents(account.refundedTaxCents)}).`,
					'Lower the tax amount to what is left.',
				);
			}
			charges = [
				{
					chargeType: type,
					chargeName: account.chargeName,
					reason: wanted.reason,
					amountCents: wanted.amountCents,
					taxCents: wanted.taxCents,
					taxName: account.taxName ?? 'Tax1',
				},
			];
		}
		const request = byLine.get(wanted.lineNumber) ?? {
			lineNumber: wanted.lineNumber,
			isFullRefund: input.full,
			comments: wanted.comments,
			charges: [],
		};
		request.comments ??= wanted.comments;
		request.charges.push(...charges);
		if (!byLine.has(wanted.lineNumber)) {
			byLine.set(wanted.lineNumber, request);
			plan.toSend.push(request);
		}
	}
	return plan;
}

/** Refunded cents per line and charge type, for read-back and excess checks. */
export function refundedCents(order: WalmartOrder): Map<string, number> {
	const totals = new Map<string, number>();
	for (const line of order.orderLines.orderLine) {
		const ledger = lineLedger(line);
		for (const type of CHARGE_TYPES) {
			totals.set(`${ledger.lineNumber} ${type}`, ledger.accounts[type].refundedCents);
		}
	}
	return totals;
}

/** The most Walmart could have refunded per line and charge type (the larger reading). */
export function mostRefundableCents(order: WalmartOrder): Map<string, number> {
	const totals = new Map<string, number>();
	for (const line of order.orderLines.orderLine) {
		const ledger = lineLedger(line);
		for (const type of CHARGE_TYPES) {
			const account = ledger.accounts[type];
			totals.set(
				`${ledger.lineNumber} ${type}`,
				Math.max(0, account.mostChargedCents - account.refundedCents),
			);
		}
	}
	return totals;
}
