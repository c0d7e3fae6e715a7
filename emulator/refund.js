// @ts-check
// POST /v3/orders/{purchaseOrderId}/refund: refunds on shipped or delivered lines, never more
// than was charged, all-or-nothing across the request.

const crypto = require('node:crypto');
const { invalidContent, contentNotFound } = require('./errors');
const { renderOrder } = require('./orders');
const {
	requireObject,
	requireNonEmptyArray,
	requireString,
	requireLineNumber,
	requireOneOf,
} = require('./validate');
const { REFUND_REASONS, CHARGE_TYPES } = require('./constants');
const { toCents, fromCents, formatCents } = require('./util');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').RefundCharge} RefundCharge */
/** @typedef {import('./types').ChargeType} ChargeType */
/** @typedef {import('./types').ChargeReading} ChargeReading */
/** @typedef {import('./routes').BusinessContext} BusinessContext */
/**
 * @typedef {{
 *   refundReason: string,
 *   chargeType: ChargeType,
 *   chargeName: string,
 *   amountCents: number,
 *   currency: string,
 *   tax?: { taxName: string, amountCents: number },
 * }} RequestedCharge
 * Amounts in cents, negative as sent.
 *
 * @typedef {{
 *   lineNumber: string,
 *   field: string,
 *   isFullRefund: boolean,
 *   refundId?: string,
 *   refundComments?: string,
 *   charges: RequestedCharge[],
 * }} RefundLineRequest
 *
 * @typedef {{ charged: number, chargedTax: number, refunded: number, refundedTax: number }} ChargeLedger
 * Positive cents per charge type.
 */

const API = 'GMP_ORDER_API';

/**
 * @param {unknown} value
 * @param {string} field
 * @param {{ allowZero: boolean }} options
 * @returns {number} cents
 */
function requireRefundAmount(value, field, options) {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw invalidContent(
			API,
			field,
			`${field} is required and must be a number (got ${JSON.stringify(value)}).`,
		);
	}
	if (value > 0 || (value === 0 && !options.allowZero)) {
		throw invalidContent(
			API,
			field,
			`${field} must be negative: refunds are sent as negative amounts, e.g. -10.00 (got ${value}).`,
		);
	}
	const cents = toCents(value);
	// Division by 100 is correctly rounded, so a two-decimal amount reads back exactly.
	if (fromCents(cents) !== value) {
		throw invalidContent(
			API,
			field,
			`${field} can have at most two decimal places (got ${value}).`,
		);
	}
	return cents;
}

/**
 * @param {unknown} value
 * @param {string} field
 * @param {string} expectedCurrency
 */
function requireCurrency(value, field, expectedCurrency) {
	const currency = requireString(API, value, field);
	if (currency !== expectedCurrency) {
		throw invalidContent(
			API,
			field,
			`${field} '${currency}' does not match the order currency ${expectedCurrency}.`,
		);
	}
	return currency;
}

/**
 * @param {unknown} rawCharge
 * @param {string} field
 * @param {string} currency
 * @returns {RequestedCharge}
 */
function parseRefundCharge(rawCharge, field, currency) {
	const refundCharge = requireObject(API, rawCharge, field);
	const refundReason = requireOneOf(
		API,
		refundCharge.refundReason,
		`${field}.refundReason`,
		REFUND_REASONS,
	);
	const charge = requireObject(API, refundCharge.charge, `${field}.charge`);
	const chargeType = requireOneOf(
		API,
		charge.chargeType,
		`${field}.charge.chargeType`,
		CHARGE_TYPES,
	);
	const chargeName = requireString(API, charge.chargeName, `${field}.charge.chargeName`);
	const chargeAmount = requireObject(API, charge.chargeAmount, `${field}.charge.chargeAmount`);
	requireCurrency(chargeAmount.currency, `${field}.charge.chargeAmount.currency`, currency);
	const amountCents = requireRefundAmount(
		chargeAmount.amount,
		`${field}.charge.chargeAmount.amount`,
		{
			allowZero: false,
		},
	);
	/** @type {RequestedCharge} */
	const parsed = { refundReason, chargeType, chargeName, amountCents, currency };
	if (charge.tax !== undefined) {
		const tax = requireObject(API, charge.tax, `${field}.charge.tax`);
		const taxName = requireString(API, tax.taxName, `${field}.charge.tax.taxName`);
		const taxAmount = requireObject(API, tax.taxAmount, `${field}.charge.tax.taxAmount`);
		requireCurrency(taxAmount.currency, `${field}.charge.tax.taxAmount.currency`, currency);
		// Zero tax is legitimate for tax-free items, so only positive tax is refused.
		const taxCents = requireRefundAmount(taxAmount.amount, `${field}.charge.tax.taxAmount.amount`, {
			allowZero: true,
		});
		parsed.tax = { taxName, amountCents: taxCents };
	}
	return parsed;
}

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {string | undefined}
 */
function optionalString(value, field) {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidContent(API, field, `${field} must be a string.`);
	return value;
}

/**
 * @param {unknown} body
 * @param {Order} order
 * @returns {RefundLineRequest[]}
 */
function parseRefund(body, order) {
	const root = requireObject(API, body, 'orderRefund');
	const refund = requireObject(API, root.orderRefund, 'orderRefund');
	const bodyPurchaseOrderId = requireString(
		API,
		refund.purchaseOrderId,
		'orderRefund.purchaseOrderId',
	);
	if (bodyPurchaseOrderId !== order.purchaseOrderId) {
		throw invalidContent(
			API,
			'orderRefund.purchaseOrderId',
			`orderRefund.purchaseOrderId '${bodyPurchaseOrderId}' does not match the purchaseOrderId '${order.purchaseOrderId}' in the URL.`,
		);
	}
	const orderLines = requireObject(API, refund.orderLines, 'orderRefund.orderLines');
	const lines = requireNonEmptyArray(API, orderLines.orderLine, 'orderRefund.orderLines.orderLine');
	const currency = order.orderLines.orderLine[0]?.charges.charge[0]?.chargeAmount.currency ?? 'USD';
	return lines.map((rawLine, lineIndex) => {
		const field = `orderRefund.orderLines.orderLine[${lineIndex}]`;
		const line = requireObject(API, rawLine, field);
		const lineNumber = requireLineNumber(API, line.lineNumber, `${field}.lineNumber`);
		const isFullRefund = line.isFullRefund ?? false;
		if (typeof isFullRefund !== 'boolean') {
			throw invalidContent(
				API,
				`${field}.isFullRefund`,
				`${field}.isFullRefund must be true or false.`,
			);
		}
		const refunds = requireObject(API, line.refunds, `${field}.refunds`);
		const refundEntries = requireNonEmptyArray(API, refunds.refund, `${field}.refunds.refund`);
		/** @type {RefundLineRequest} */
		const parsed = { lineNumber, field, isFullRefund, charges: [] };
		refundEntries.forEach((rawRefund, refundIndex) => {
			const refundField = `${field}.refunds.refund[${refundIndex}]`;
			const entry = requireObject(API, rawRefund, refundField);
			parsed.refundId =
				optionalString(entry.refundId, `${refundField}.refundId`) ?? parsed.refundId;
			parsed.refundComments =
				optionalString(entry.refundComments, `${refundField}.refundComments`) ??
				parsed.refundComments;
			const refundCharges = requireObject(API, entry.refundCharges, `${refundField}.refundCharges`);
			const charges = requireNonEmptyArray(
				API,
				refundCharges.refundCharge,
				`${refundField}.refundCharges.refundCharge`,
			);
			charges.forEach((rawCharge, chargeIndex) => {
				parsed.charges.push(
					parseRefundCharge(
						rawCharge,
						`${refundField}.refundCharges.refundCharge[${chargeIndex}]`,
						currency,
					),
				);
			});
		});
		return parsed;
	});
}

/**
 * @param {OrderLine} line
 */
function refundableQuantity(line) {
	return line.orderLineStatuses.orderLineStatus
		.filter((entry) => entry.status === 'Shipped' || entry.status === 'Delivered')
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
}

/**
 * Floor of a / b for integers, without a floating-point quotient.
 * @param {number} a
 * @param {number} b positive
 */
function floorDiv(a, b) {
	const remainder = a % b;
	const quotient = (a - remainder) / b;
	return remainder < 0 ? quotient - 1 : quotient;
}

/**
 * Cents charged for `cents` of line charges once `shipped` of `ordered` units have shipped.
 * @param {number} cents the line's chargeAmount (or tax) for one charge type, summed
 * @param {number} shipped
 * @param {number} ordered
 * @param {ChargeReading} reading
 */
function chargedCents(cents, shipped, ordered, reading) {
	if (reading === 'perUnit') return cents * shipped;
	// The amount covers every ordered unit; only the shipped share has been charged.
	return floorDiv(cents * shipped, ordered);
}

/**
 * What the customer paid per charge type and what has been refunded so far, in positive cents.
 * Walmart charges the customer when a line ships, so only shipped or delivered units count.
 * @param {OrderLine} line
 * @param {ChargeReading} reading
 * @returns {Record<ChargeType, ChargeLedger>}
 */
function ledgerFor(line, reading) {
	const shipped = refundableQuantity(line);
	const ordered = Math.max(1, Number(line.orderLineQuantity.amount));
	/** @type {Record<ChargeType, ChargeLedger>} */
	const ledger = {
		PRODUCT: { charged: 0, chargedTax: 0, refunded: 0, refundedTax: 0 },
		SHIPPING: { charged: 0, chargedTax: 0, refunded: 0, refundedTax: 0 },
	};
	/** @type {Record<ChargeType, { amount: number, tax: number }>} */
	const listed = { PRODUCT: { amount: 0, tax: 0 }, SHIPPING: { amount: 0, tax: 0 } };
	for (const charge of line.charges.charge) {
		const entry = listed[charge.chargeType === 'SHIPPING' ? 'SHIPPING' : 'PRODUCT'];
		entry.amount += toCents(charge.chargeAmount.amount);
		entry.tax += charge.tax ? toCents(charge.tax.taxAmount.amount) : 0;
	}
	for (const chargeType of CHARGE_TYPES) {
		ledger[chargeType].charged = chargedCents(listed[chargeType].amount, shipped, ordered, reading);
		ledger[chargeType].chargedTax = chargedCents(listed[chargeType].tax, shipped, ordered, reading);
	}
	for (const refunded of line.refund?.refundCharges.refundCharge ?? []) {
		const entry = ledger[refunded.charge.chargeType === 'SHIPPING' ? 'SHIPPING' : 'PRODUCT'];
		entry.refunded += Math.abs(toCents(refunded.charge.chargeAmount.amount));
		entry.refundedTax += refunded.charge.tax
			? Math.abs(toCents(refunded.charge.tax.taxAmount.amount))
			: 0;
	}
	return ledger;
}

/**
 * @param {RefundLineRequest[]} requests
 */
function requireConsistentFullRefundFlag(requests) {
	const full = requests.filter((request) => request.isFullRefund).map((r) => r.lineNumber);
	const partial = requests.filter((request) => !request.isFullRefund).map((r) => r.lineNumber);
	if (full.length > 0 && partial.length > 0) {
		throw invalidContent(
			API,
			'orderRefund.orderLines.orderLine',
			`All lines in one refund request must be full refunds or all partial refunds. isFullRefund is true for line(s) ${full.join(', ')} and false for line(s) ${partial.join(', ')}.`,
		);
	}
}

/**
 * @param {Order} order
 * @param {RefundLineRequest} request
 * @returns {OrderLine}
 */
function refundableLine(order, request) {
	const po = order.purchaseOrderId;
	const line = order.orderLines.orderLine.find(
		(candidate) => candidate.lineNumber === request.lineNumber,
	);
	if (line === undefined) {
		throw invalidContent(
			API,
			`${request.field}.lineNumber`,
			`Unable to process this request. The Line: ${request.lineNumber} does not exist in PO: ${po}.`,
		);
	}
	if (refundableQuantity(line) === 0) {
		const status = line.orderLineStatuses.orderLineStatus[0]?.status ?? 'Created';
		throw invalidContent(
			API,
			'data',
			`Unable to process this request. The Line: ${line.lineNumber} of PO: ${po} is in ${status.toUpperCase()} status; only Shipped or Delivered lines can be refunded.`,
		);
	}
	return line;
}

/**
 * @param {Order} order
 * @param {OrderLine} line
 * @param {RequestedCharge[]} charges
 * @param {Record<ChargeType, ChargeLedger>} ledger
 */
function checkPartialRefundFits(order, line, charges, ledger) {
	for (const chargeType of CHARGE_TYPES) {
		const ofType = charges.filter((charge) => charge.chargeType === chargeType);
		if (ofType.length === 0) continue;
		const requested = ofType.reduce((sum, charge) => sum - charge.amountCents, 0);
		const requestedTax = ofType.reduce((sum, charge) => sum - (charge.tax?.amountCents ?? 0), 0);
		const { charged, chargedTax, refunded, refundedTax } = ledger[chargeType];
		const where = `Line: ${line.lineNumber} of PO: ${order.purchaseOrderId}`;
		if (requested + refunded > charged) {
			throw invalidContent(
				API,
				'data',
				`Refund amount exceeds the amount charged for ${where}, charge type ${chargeType}: charged ${formatCents(charged)}, already refunded ${formatCents(refunded)}, requested ${formatCents(requested)}; at most ${formatCents(Math.max(0, charged - refunded))} can still be refunded.`,
			);
		}
		if (requestedTax + refundedTax > chargedTax) {
			throw invalidContent(
				API,
				'data',
				`Refund tax exceeds the tax charged for ${where}, charge type ${chargeType}: tax charged ${formatCents(chargedTax)}, already refunded ${formatCents(refundedTax)}, requested ${formatCents(requestedTax)}; at most ${formatCents(Math.max(0, chargedTax - refundedTax))} can still be refunded.`,
			);
		}
	}
}

/**
 * @param {OrderLine} line
 * @param {RefundLineRequest} request
 * @param {Record<ChargeType, ChargeLedger>} ledger
 * @param {string} currency
 * @returns {RefundCharge[]}
 */
function fullRefundCharges(line, request, ledger, currency) {
	const refundReason = request.charges[0].refundReason;
	/** @type {RefundCharge[]} */
	const result = [];
	for (const chargeType of CHARGE_TYPES) {
		const { charged, chargedTax, refunded, refundedTax } = ledger[chargeType];
		const remaining = charged - refunded;
		const remainingTax = chargedTax - refundedTax;
		if (remaining <= 0 && remainingTax <= 0) continue;
		const original = line.charges.charge.find((charge) => charge.chargeType === chargeType);
		result.push({
			refundReason,
			charge: {
				chargeType,
				chargeName: original?.chargeName ?? chargeType,
				chargeAmount: { currency, amount: -fromCents(Math.max(0, remaining)) },
				tax: {
					taxName: original?.tax?.taxName ?? 'Tax',
					taxAmount: { currency, amount: -fromCents(Math.max(0, remainingTax)) },
				},
			},
		});
	}
	return result;
}

/**
 * @param {RequestedCharge} charge
 * @returns {RefundCharge}
 */
function toRefundCharge(charge) {
	return {
		refundReason: charge.refundReason,
		charge: {
			chargeType: charge.chargeType,
			chargeName: charge.chargeName,
			chargeAmount: { currency: charge.currency, amount: fromCents(charge.amountCents) },
			...(charge.tax
				? {
						tax: {
							taxName: charge.tax.taxName,
							taxAmount: { currency: charge.currency, amount: fromCents(charge.tax.amountCents) },
						},
					}
				: {}),
		},
	};
}

/** 18 digits like Walmart's return order IDs; a leading 2 keeps them apart from seeded returns. */
function newReturnOrderId() {
	const high = String(crypto.randomInt(0, 1e9)).padStart(9, '0');
	const low = String(crypto.randomInt(0, 1e8)).padStart(8, '0');
	return `2${high}${low}`;
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function refundOrderLines(request, context) {
	const purchaseOrderId = request.params.purchaseOrderId;
	const order = context.store.order(purchaseOrderId);
	if (order === undefined) {
		throw contentNotFound(
			API,
			`No purchase order found with purchaseOrderId '${purchaseOrderId}'.`,
		);
	}
	const requests = parseRefund(request.body, order);
	requireConsistentFullRefundFlag(requests);

	// Lines named more than once are checked against their combined amounts.
	/** @type {Map<string, RefundLineRequest>} */
	const byLine = new Map();
	for (const lineRequest of requests) {
		const existing = byLine.get(lineRequest.lineNumber);
		if (existing) {
			existing.charges.push(...lineRequest.charges);
			existing.refundId = lineRequest.refundId ?? existing.refundId;
			existing.refundComments = lineRequest.refundComments ?? existing.refundComments;
		} else {
			byLine.set(lineRequest.lineNumber, { ...lineRequest, charges: [...lineRequest.charges] });
		}
	}

	/** @type {{ line: OrderLine, newCharges: RefundCharge[], lineRequest: RefundLineRequest }[]} */
	const planned = [];
	for (const lineRequest of byLine.values()) {
		const line = refundableLine(order, lineRequest);
		const ledger = ledgerFor(line, context.chargeReading);
		const currency = line.charges.charge[0]?.chargeAmount.currency ?? 'USD';
		if (lineRequest.isFullRefund) {
			const newCharges = fullRefundCharges(line, lineRequest, ledger, currency);
			if (newCharges.length === 0) {
				throw invalidContent(
					API,
					'data',
					`Unable to process this request. The Line: ${line.lineNumber} of PO: ${purchaseOrderId} is already fully refunded.`,
				);
			}
			planned.push({ line, newCharges, lineRequest });
		} else {
			checkPartialRefundFits(order, line, lineRequest.charges, ledger);
			planned.push({ line, newCharges: lineRequest.charges.map(toRefundCharge), lineRequest });
		}
	}

	for (const { line, newCharges, lineRequest } of planned) {
		const previous = line.refund;
		const refundId = lineRequest.refundId ?? previous?.refundId;
		const refundComments = lineRequest.refundComments ?? previous?.refundComments;
		line.refund = {
			...(refundId === undefined ? {} : { refundId }),
			...(refundComments === undefined ? {} : { refundComments }),
			refundCharges: {
				refundCharge: [...(previous?.refundCharges.refundCharge ?? []), ...newCharges],
			},
		};
		// The spec says a full refund creates a return order for the line.
		if (lineRequest.isFullRefund && line.returnOrderId === undefined) {
			line.returnOrderId = newReturnOrderId();
		}
	}
	order.lastModified = context.now;
	return {
		status: 200,
		body: { order: renderOrder(order, { productInfo: false, replacementInfo: false }) },
	};
}

module.exports = { refundOrderLines };
