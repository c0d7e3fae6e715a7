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
	CHARGE_TYPE_OPTIONS,
	REFUND_REASON_OPTIONS,
	REFUND_REASONS,
} from '../../descriptions/reasons';
import type {
	WalmartOrder,
	WalmartOrderLine,
	WalmartOrderResponse,
} from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { roundMoney, simplifyOrder } from '../../helpers/simplify';
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
	partialFailure,
	readOrder,
	sendWithReadBack,
	shippedQuantity,
	summarise,
} from '../../helpers/writes';

const MAX_LINES_PER_REFUND = 100;
const CENT = 0.005;
const CHARGE_TYPES = ['PRODUCT', 'SHIPPING'];
const CHARGE_NAMES: Record<string, string> = { PRODUCT: 'ItemPrice', SHIPPING: 'Shipping' };

const reasonField: INodeProperties = {
	displayName: 'Refund Reason',
	name: 'reason',
	type: 'options',
	default: 'CustomerChangedMind',
	options: REFUND_REASON_OPTIONS,
	description: 'Walmart’s refund reason, spelled exactly as Walmart expects',
};

const commentsField: INodeProperties = {
	displayName: 'Comments',
	name: 'comments',
	type: 'string',
	default: '',
	description: 'Shown with the refund in Seller Center',
};

const properties: INodeProperties[] = [
	purchaseOrderIdParameter,
	{
		displayName: 'Refund Type',
		name: 'refundType',
		type: 'options',
		default: 'partial',
		options: [
			{
				name: 'Amounts per Line',
				value: 'partial',
				description: 'Refund chosen amounts of the product or shipping charge of each line',
			},
			{
				name: 'Full Refund of Lines',
				value: 'full',
				description: 'Refund everything left on each chosen line: product, shipping and tax',
			},
		],
		description:
			'Walmart refuses requests that mix full and partial refunds, so each run is one or the other',
	},
	{
		displayName: 'Lines Input',
		name: 'linesInput',
		type: 'options',
		default: 'ui',
		options: [
			{ name: 'Fields Below', value: 'ui' },
			{
				name: 'JSON',
				value: 'json',
				description: 'A list mapped from an earlier node, such as an ERP credit note',
			},
		],
	},
	{
		displayName: 'Refund Lines',
		name: 'refundLines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Refund Line',
		default: {},
		displayOptions: { show: { refundType: ['partial'], linesInput: ['ui'] } },
		options: [
			{
				name: 'line',
				displayName: 'Refund Line',
				values: [
					orderLineNumberField,
					{
						displayName: 'Charge Type',
						name: 'chargeType',
						type: 'options',
						default: 'PRODUCT',
						options: CHARGE_TYPE_OPTIONS,
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
						description:
							'Amount to refund before tax. Positive or negative, it is sent negative as Walmart requires.',
					},
					{
						displayName: 'Tax Amount',
						name: 'taxAmount',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
						description: 'Tax to refund on this charge, positive or negative',
					},
					reasonField,
					commentsField,
				],
			},
		],
	},
	{
		displayName: 'Lines',
		name: 'fullRefundLines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: { refundType: ['full'], linesInput: ['ui'] } },
		options: [
			{
				name: 'line',
				displayName: 'Line',
				values: [orderLineNumberField, reasonField, commentsField],
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default:
			'[{ "lineNumber": "1", "chargeType": "PRODUCT", "amount": 10, "taxAmount": 0.8, "reason": "DamagedItem" }]',
		displayOptions: { show: { linesInput: ['json'] } },
		description:
			'A list of objects with lineNumber, reason and, for amounts per line, chargeType, amount and taxAmount; comments and currency are optional',
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
				displayName: 'Allow Repeat Refunds',
				name: 'allowRepeat',
				type: 'boolean',
				default: false,
				description:
					'Whether to send a refund even when the line already has one with the same charge type, amount and reason. Off, a re-run or retry of the same refund is skipped.',
			},
			dryRunOption('order'),
		],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['refundLines'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

interface RequestedRefund {
	lineNumber: string;
	chargeType: string;
	amount: number;
	taxAmount: number;
	reason: string;
	comments: string;
	currency?: string;
}

function fail(context: IExecuteFunctions, itemIndex: number, message: string, fix: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description: fix });
}

function money(value: number): string {
	return value.toFixed(2);
}

function readAmount(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	allowZero: boolean,
): number {
	const text = typeof raw === 'string' ? raw.trim().replace(/^\$/, '') : raw;
	const value = text === '' || text === undefined || text === null ? 0 : Number(text);
	if (!Number.isFinite(value)) {
		fail(
			context,
			itemIndex,
			`${label} is ${JSON.stringify(raw)}, which is not a number`,
			'Enter an amount such as 12.50 (or -12.50); it is sent negative as Walmart requires.',
		);
	}
	if (!allowZero && value === 0) {
		fail(context, itemIndex, `${label} is 0`, 'Enter the amount to refund, such as 12.50.');
	}
	if (Math.abs(roundMoney(value) - value) > 1e-9) {
		fail(
			context,
			itemIndex,
			`${label} ${value} has more than 2 decimals`,
			'Round it to cents, such as 12.50.',
		);
	}
	return Math.abs(value);
}

function readRequestedRefunds(
	context: IExecuteFunctions,
	itemIndex: number,
	full: boolean,
): RequestedRefund[] {
	const input = context.getNodeParameter('linesInput', itemIndex, 'ui') as string;
	let raw: unknown;
	if (input === 'json') {
		raw = context.getNodeParameter('linesJson', itemIndex, '[]');
		if (typeof raw === 'string') {
			try {
				raw = JSON.parse(raw);
			} catch {
				fail(
					context,
					itemIndex,
					'"Lines (JSON)" is not valid JSON',
					'Enter a list of refund lines, e.g. [{"lineNumber": "1", "chargeType": "PRODUCT", "amount": 10, "reason": "DamagedItem"}].',
				);
			}
		}
		if (!Array.isArray(raw)) raw = [raw];
	} else {
		const collection = context.getNodeParameter(
			full ? 'fullRefundLines' : 'refundLines',
			itemIndex,
			{},
		) as IDataObject;
		raw = collection.line ?? [];
	}
	const entries = raw as unknown[];
	if (entries.length === 0) {
		fail(context, itemIndex, 'No lines to refund were given', 'Add at least one refund line.');
	}
	return entries.map((entry, position) => {
		if (typeof entry !== 'object' || entry === null) {
			fail(
				context,
				itemIndex,
				`Refund line ${position + 1} is ${JSON.stringify(entry)}, not an object`,
				'Each refund line needs lineNumber and reason (and chargeType and amount for amounts per line).',
			);
		}
		const line = entry as IDataObject;
		const lineNumber = normaliseLineNumber(line.lineNumber);
		if (lineNumber === undefined) {
			fail(
				context,
				itemIndex,
				`Refund line ${position + 1} has the line number ${JSON.stringify(line.lineNumber ?? null)}, which is not a line number`,
				'Line numbers are whole numbers from 1, as in lineNumber of Get Order.',
			);
		}
		const reason = String(line.reason ?? line.refundReason ?? '').trim();
		if (!REFUND_REASONS.includes(reason)) {
			const close = REFUND_REASONS.find(
				(known) =>
					known.replace(/\W/g, '').toLowerCase() === reason.replace(/\W/g, '').toLowerCase(),
			);
			fail(
				context,
				itemIndex,
				`Line ${lineNumber} has the refund reason ${JSON.stringify(line.reason ?? line.refundReason ?? null)}, which Walmart does not accept`,
				close
					? `Walmart spells it exactly "${close}".`
					: `Use one of: ${REFUND_REASONS.join(', ')}.`,
			);
		}
		const chargeType = full
			? 'PRODUCT'
			: String(line.chargeType ?? 'PRODUCT')
					.trim()
					.toUpperCase();
		if (!CHARGE_TYPES.includes(chargeType)) {
			fail(
				context,
				itemIndex,
				`Line ${lineNumber} has the charge type ${JSON.stringify(line.chargeType)}, which Walmart does not accept`,
				'Use PRODUCT or SHIPPING.',
			);
		}
		const amount = full
			? 0
			: readAmount(
					context,
					itemIndex,
					line.amount,
					`Line ${lineNumber} ${chargeType} amount`,
					false,
				);
		const taxAmount = full
			? 0
			: readAmount(
					context,
					itemIndex,
					line.taxAmount,
					`Line ${lineNumber} ${chargeType} tax amount`,
					true,
				);
		const currency =
			line.currency === undefined || line.currency === ''
				? undefined
				: String(line.currency).trim().toUpperCase();
		return {
			lineNumber,
			chargeType,
			amount,
			taxAmount,
			reason,
			comments: String(line.comments ?? '').trim(),
			currency,
		};
	});
}

interface ChargeBalance {
	charged: number;
	chargedTax: number;
	refunded: number;
	refundedTax: number;
	currency?: string;
	taxName?: string;
}

/** Walmart charges a unit when it ships, so only shipped or delivered units can be refunded. */
function chargeBalance(line: WalmartOrderLine, chargeType: string): ChargeBalance {
	const quantity = shippedQuantity(line);
	const balance: ChargeBalance = { charged: 0, chargedTax: 0, refunded: 0, refundedTax: 0 };
	for (const charge of line.charges?.charge ?? []) {
		if (charge.chargeType !== chargeType) continue;
		balance.charged += (charge.chargeAmount?.amount ?? 0) * quantity;
		balance.chargedTax += (charge.tax?.taxAmount?.amount ?? 0) * quantity;
		balance.currency ??= charge.chargeAmount?.currency;
		balance.taxName ??= charge.tax?.taxName;
	}
	for (const refund of line.refund?.refundCharges?.refundCharge ?? []) {
		if (refund.charge?.chargeType !== chargeType) continue;
		balance.refunded += Math.abs(refund.charge.chargeAmount?.amount ?? 0);
		balance.refundedTax += Math.abs(refund.charge.tax?.taxAmount?.amount ?? 0);
	}
	balance.charged = roundMoney(balance.charged);
	balance.chargedTax = roundMoney(balance.chargedTax);
	balance.refunded = roundMoney(balance.refunded);
	balance.refundedTax = roundMoney(balance.refundedTax);
	return balance;
}

function orderCurrency(order: WalmartOrder): string {
	for (const line of order.orderLines?.orderLine ?? []) {
		for (const charge of line.charges?.charge ?? []) {
			if (charge.chargeAmount?.currency) return charge.chargeAmount.currency;
		}
	}
	return 'USD';
}

/** How many refund charges on the line match this one: the fingerprint of a repeat. */
function matchingRefunds(line: WalmartOrderLine, wanted: RequestedRefund): number {
	return (line.refund?.refundCharges?.refundCharge ?? []).filter(
		(refund) =>
			refund.charge?.chargeType === wanted.chargeType &&
			refund.refundReason === wanted.reason &&
			Math.abs(Math.abs(refund.charge.chargeAmount?.amount ?? 0) - wanted.amount) < CENT &&
			Math.abs(Math.abs(refund.charge.tax?.taxAmount?.amount ?? 0) - wanted.taxAmount) < CENT,
	).length;
}

function isFullyRefunded(line: WalmartOrderLine): boolean {
	if (line.returnOrderId) return true;
	return CHARGE_TYPES.every((type) => {
		const balance = chargeBalance(line, type);
		return (
			balance.charged - balance.refunded < CENT && balance.chargedTax - balance.refundedTax < CENT
		);
	});
}

interface RefundPlan {
	toSend: RequestedRefund[];
	skipped: LineOutcome[];
}

function planRefund(
	context: IExecuteFunctions,
	itemIndex: number,
	order: WalmartOrder,
	requested: RequestedRefund[],
	full: boolean,
	allowRepeat: boolean,
): RefundPlan {
	const lines = linesByNumber(order);
	const currency = orderCurrency(order);
	const plan: RefundPlan = { toSend: [], skipped: [] };
	const pending = new Map<string, { amount: number; tax: number }>();
	for (const wanted of requested) {
		const line = lines.get(wanted.lineNumber);
		if (!line) {
			fail(
				context,
				itemIndex,
				`Line ${wanted.lineNumber} does not exist on purchase order ${order.purchaseOrderId} (its lines: ${describeLineNumbers(order)}). Nothing was refunded.`,
				'Check the line number against Get Order.',
			);
		}
		if (wanted.currency !== undefined && wanted.currency !== currency) {
			fail(
				context,
				itemIndex,
				`Line ${wanted.lineNumber} is in ${wanted.currency} but purchase order ${order.purchaseOrderId} was charged in ${currency}. Nothing was refunded.`,
				`Refund in ${currency}, the order's currency, or leave currency out.`,
			);
		}
		if (shippedQuantity(line) === 0) {
			fail(
				context,
				itemIndex,
				`Line ${wanted.lineNumber} has not shipped (${describeStatuses(line)}), and Walmart refunds only shipped or delivered lines. Nothing was refunded.`,
				'Cancel unshipped lines with Cancel Lines instead, or refund after the line ships.',
			);
		}
		if (full) {
			if (isFullyRefunded(line) && !allowRepeat) {
				plan.skipped.push({
					lineNumber: wanted.lineNumber,
					outcome: 'skipped',
					reason: wanted.reason,
					message: `Line ${wanted.lineNumber} is already fully refunded; not sent again`,
				});
				continue;
			}
			plan.toSend.push(wanted);
			continue;
		}
		if (!allowRepeat && matchingRefunds(line, wanted) > 0) {
			plan.skipped.push({
				lineNumber: wanted.lineNumber,
				outcome: 'skipped',
				chargeType: wanted.chargeType,
				amount: -wanted.amount,
				taxAmount: -wanted.taxAmount,
				reason: wanted.reason,
				message: `Line ${wanted.lineNumber} already has a ${wanted.chargeType} refund of ${money(wanted.amount)} ${currency} for "${wanted.reason}"; not sent again. Turn on Allow Repeat Refunds to refund it again.`,
			});
			continue;
		}
		const balance = chargeBalance(line, wanted.chargeType);
		const key = `${wanted.lineNumber}/${wanted.chargeType}`;
		const earlier = pending.get(key) ?? { amount: 0, tax: 0 };
		const left = roundMoney(balance.charged - balance.refunded - earlier.amount);
		if (wanted.amount - left > CENT) {
			fail(
				context,
				itemIndex,
				`Line ${wanted.lineNumber} ${wanted.chargeType}: refunding ${money(wanted.amount)} ${currency} is more than the ${money(Math.max(0, left))} left (charged ${money(balance.charged)}, already refunded ${money(balance.refunded + earlier.amount)}). Nothing was refunded.`,
				'Lower the amount to what is left, or check the charge type.',
			);
		}
		const taxLeft = roundMoney(balance.chargedTax - balance.refundedTax - earlier.tax);
		if (wanted.taxAmount - taxLeft > CENT) {
			fail(
				context,
				itemIndex,
				`Line ${wanted.lineNumber} ${wanted.chargeType}: refunding ${money(wanted.taxAmount)} ${currency} of tax is more than the ${money(Math.max(0, taxLeft))} left (charged ${money(balance.chargedTax)}, already refunded ${money(balance.refundedTax + earlier.tax)}). Nothing was refunded.`,
				'Lower the tax amount to what is left.',
			);
		}
		pending.set(key, {
			amount: earlier.amount + wanted.amount,
			tax: earlier.tax + wanted.taxAmount,
		});
		plan.toSend.push(wanted);
	}
	return plan;
}

function refundRequest(
	order: WalmartOrder,
	refunds: RequestedRefund[],
	full: boolean,
): WritePlanRequest {
	const lines = linesByNumber(order);
	const currency = orderCurrency(order);
	const byLine = new Map<string, RequestedRefund[]>();
	for (const refund of refunds) {
		byLine.set(refund.lineNumber, [...(byLine.get(refund.lineNumber) ?? []), refund]);
	}
	const orderLine = [...byLine.entries()].map(([lineNumber, lineRefunds]) => {
		const line = lines.get(lineNumber) as WalmartOrderLine;
		const refundCharge = lineRefunds.map((refund) => {
			const balance = chargeBalance(line, refund.chargeType);
			const amount = full ? balance.charged - balance.refunded : refund.amount;
			const tax = full ? balance.chargedTax - balance.refundedTax : refund.taxAmount;
			return {
				refundReason: refund.reason,
				charge: {
					chargeType: refund.chargeType,
					chargeName: CHARGE_NAMES[refund.chargeType],
					chargeAmount: { currency, amount: -roundMoney(amount) },
					tax: {
						taxName: balance.taxName ?? 'Tax1',
						taxAmount: { currency, amount: -roundMoney(tax) },
					},
				},
			};
		});
		const comments = lineRefunds.map((refund) => refund.comments).find((text) => text !== '');
		return {
			lineNumber,
			isFullRefund: full,
			refunds: {
				refund: [
					{
						...(comments ? { refundComments: comments } : {}),
						refundCharges: { refundCharge },
					},
				],
			},
		};
	});
	return {
		method: 'POST',
		path: `/v3/orders/${encodeURIComponent(order.purchaseOrderId)}/refund`,
		body: { orderRefund: { purchaseOrderId: order.purchaseOrderId, orderLines: { orderLine } } },
	};
}

function refundApplied(
	before: WalmartOrder,
	after: WalmartOrder,
	refunds: RequestedRefund[],
	full: boolean,
): boolean {
	const beforeLines = linesByNumber(before);
	const afterLines = linesByNumber(after);
	return refunds.every((refund) => {
		const old = beforeLines.get(refund.lineNumber);
		const now = afterLines.get(refund.lineNumber);
		if (!old || !now) return false;
		if (full) return isFullyRefunded(now);
		return matchingRefunds(now, refund) > matchingRefunds(old, refund);
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/refund-orders
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const full = (this.getNodeParameter('refundType', i, 'partial') as string) === 'full';
	const requested = readRequestedRefunds(this, i, full);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const dryRun = isDryRun(this, options);

	// The order's refund history is the only protection against a double refund: Walmart has
	// no idempotency key. Read it fresh, never from an earlier node's copy.
	const before = await readOrder(this, purchaseOrderId, i);
	const plan = planRefund(this, i, before, requested, full, options.allowRepeat === true);
	const outcomes: LineOutcome[] = [...plan.skipped];
	const batches = chunk(plan.toSend, MAX_LINES_PER_REFUND).map((refunds) => ({
		refunds,
		request: refundRequest(before, refunds, full),
	}));
	const describe = (refund: RequestedRefund, outcome: LineOutcome['outcome']): LineOutcome => ({
		lineNumber: refund.lineNumber,
		outcome,
		chargeType: full ? undefined : refund.chargeType,
		amount: full ? undefined : -refund.amount,
		taxAmount: full ? undefined : -refund.taxAmount,
		reason: refund.reason,
	});

	if (dryRun) {
		for (const { refunds } of batches)
			outcomes.push(...refunds.map((refund) => describe(refund, 'planned')));
		return dryRunOutput(
			{ purchaseOrderId },
			outcomes,
			batches.map(({ request }) => request),
		);
	}

	let latest = before;
	let sentRequests = 0;
	for (const { refunds, request } of batches) {
		const snapshot = latest;
		const { result, attempts } = await sendWithReadBack<WalmartOrderResponse>(
			this,
			request,
			i,
			async () => {
				latest = await readOrder(this, purchaseOrderId, i);
				return refundApplied(snapshot, latest, refunds, full) ? { order: latest } : undefined;
			},
		);
		sentRequests += attempts;
		if (result.sent) {
			latest = result.response.order ?? latest;
			outcomes.push(...refunds.map((refund) => describe(refund, 'refunded')));
		} else {
			const { message, walmartCode } = failureMessage(result);
			outcomes.push(
				...refunds.map((refund) => ({ ...describe(refund, 'failed'), message, walmartCode })),
			);
		}
	}

	const summary = { ...summarise(outcomes), requests: sentRequests };
	if (outcomes.some((line) => line.outcome === 'failed')) {
		throw partialFailure(this, i, outcomes, summary, {
			done: 'refunded',
			verb: 'Refunded',
			of: `refund lines on purchase order ${purchaseOrderId}`,
			rerun: 'Running the node again is safe: refunds already recorded on the order are skipped.',
		});
	}
	const orderOutput = simplify ? simplifyOrder(latest) : (latest as unknown as IDataObject);
	return [
		{ json: { ...orderOutput, refund: { summary, lines: outcomes as unknown as IDataObject[] } } },
	];
}
