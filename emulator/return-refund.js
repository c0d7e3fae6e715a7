// @ts-check
// POST /v3/returns/{returnOrderId}/refund: refunds returned quantity. No amounts are sent;
// Walmart computes them from the return.

const { invalidContent, contentNotFound } = require('./errors');
const { requireObject, requireNonEmptyArray, requireString, requireOneOf } = require('./validate');
const { RETURN_REFUND_STATUS, UNITS_OF_MEASUREMENT } = require('./constants');
const { isoWithMillis } = require('./dates');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {import('./types').ReturnOrderLine} ReturnOrderLine */
/** @typedef {import('./routes').BusinessContext} BusinessContext */

const API = 'GMP_RETURNS_API';
const REFUND_CHANNEL = 'SELLER_MANUAL_REFUND';

/**
 * @param {ReturnOrder} returnOrder
 * @param {unknown} value
 * @param {string} field
 * @returns {ReturnOrderLine}
 */
function resolveLine(returnOrder, value, field) {
	const lines = returnOrder.returnOrderLines;
	if (value === undefined || value === null) {
		// The spec auto-selects the only line of a single-line return.
		if (lines.length === 1) return lines[0];
		throw invalidContent(
			API,
			field,
			`${field} is required because return ${returnOrder.returnOrderId} has ${lines.length} lines.`,
		);
	}
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d+$/.test(value)
				? Number(value)
				: NaN;
	if (!Number.isInteger(number) || number < 1) {
		throw invalidContent(
			API,
			field,
			`${field} must be a positive whole number (got ${JSON.stringify(value)}).`,
		);
	}
	const line = lines.find((candidate) => candidate.returnOrderLineNumber === number);
	if (line === undefined) {
		throw invalidContent(
			API,
			field,
			`Return order line ${number} does not exist in return ${returnOrder.returnOrderId}; it has lines ${lines.map((candidate) => candidate.returnOrderLineNumber).join(', ')}.`,
		);
	}
	return line;
}

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {{ quantity: number | undefined, unitOfMeasure: string }}
 */
function parseQuantity(value, field) {
	if (value === undefined || value === null) return { quantity: undefined, unitOfMeasure: 'EACH' };
	const quantity = requireObject(API, value, field);
	const unitOfMeasure = requireOneOf(
		API,
		quantity.unitOfMeasure,
		`${field}.unitOfMeasure`,
		UNITS_OF_MEASUREMENT,
	);
	const measurementValue = quantity.measurementValue;
	if (
		typeof measurementValue !== 'number' ||
		!Number.isInteger(measurementValue) ||
		measurementValue < 1
	) {
		throw invalidContent(
			API,
			`${field}.measurementValue`,
			`${field}.measurementValue must be a positive whole number (got ${JSON.stringify(measurementValue)}).`,
		);
	}
	return { quantity: measurementValue, unitOfMeasure };
}

/**
 * @param {ReturnOrder} returnOrder
 * @param {ReturnOrderLine} line
 * @param {number} requested
 */
function checkRefundable(returnOrder, line, requested) {
	const returned = line.quantity.measurementValue;
	const remaining = returned - line.refundedQty;
	const where = `Return order line ${line.returnOrderLineNumber} of return ${returnOrder.returnOrderId}`;
	if (remaining <= 0 || line.currentRefundStatus === RETURN_REFUND_STATUS.completed) {
		throw invalidContent(
			API,
			'data',
			`${where} is already refunded (${RETURN_REFUND_STATUS.completed}).`,
		);
	}
	if (requested > remaining) {
		throw invalidContent(
			API,
			'data',
			`${where}: refund quantity ${requested} exceeds the refundable quantity ${remaining} (returned ${returned}, already refunded ${line.refundedQty}).`,
		);
	}
}

/**
 * @param {ReturnOrderLine} line
 * @param {number} quantity
 * @param {number} now
 */
function applyRefund(line, quantity, now) {
	const statusTime = isoWithMillis(now);
	line.refundedQty += quantity;
	const complete = line.refundedQty >= line.quantity.measurementValue;
	line.currentRefundStatus = complete
		? RETURN_REFUND_STATUS.completed
		: RETURN_REFUND_STATUS.partial;
	if (complete) {
		line.status = 'COMPLETED';
		line.statusTime = statusTime;
	}
	line.refundChannel = REFUND_CHANNEL;
	const channel = line.refundChannels.find((entry) => entry.refundChannelName === REFUND_CHANNEL);
	if (channel) channel.quantity.measurementValue += quantity;
	else
		line.refundChannels.push({
			refundChannelName: REFUND_CHANNEL,
			quantity: { measurementValue: quantity },
		});
	line.currentTrackingStatuses = [
		{
			status: line.status,
			statusTime,
			currentRefundStatus: line.currentRefundStatus,
			quantity: {
				unitOfMeasure: line.quantity.unitOfMeasure,
				measurementValue: line.quantity.measurementValue,
			},
		},
	];
	line.returnTrackingDetail.push({
		sequenceNo: line.returnTrackingDetail.length,
		eventTag: complete ? 'REFUND_COMPLETED' : 'REFUND_PARTIALLY_COMPLETED',
		eventDescription: `Seller refunded ${quantity} unit(s)`,
		eventTime: statusTime,
		references: [],
	});
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function issueReturnRefund(request, context) {
	const returnOrderId = request.params.returnOrderId;
	const returnOrder = context.store.returnOrder(returnOrderId);
	if (returnOrder === undefined) {
		throw contentNotFound(API, `No return order found with returnOrderId '${returnOrderId}'.`);
	}
	const body = requireObject(API, request.body, 'body');
	const customerOrderId = requireString(API, body.customerOrderId, 'customerOrderId');
	if (customerOrderId !== returnOrder.customerOrderId) {
		throw invalidContent(
			API,
			'customerOrderId',
			`customerOrderId '${customerOrderId}' does not match return ${returnOrderId}, which belongs to customer order '${returnOrder.customerOrderId}'.`,
		);
	}
	const refundLines = requireNonEmptyArray(API, body.refundLines, 'refundLines');

	/** @type {Map<number, { line: ReturnOrderLine, quantity: number, unitOfMeasure: string }>} */
	const byLine = new Map();
	refundLines.forEach((rawLine, index) => {
		const field = `refundLines[${index}]`;
		const entry = requireObject(API, rawLine, field);
		const line = resolveLine(
			returnOrder,
			entry.returnOrderLineNumber,
			`${field}.returnOrderLineNumber`,
		);
		const parsed = parseQuantity(entry.quantity, `${field}.quantity`);
		// Without a quantity, everything still unrefunded on the line is refunded.
		const quantity =
			parsed.quantity ?? Math.max(0, line.quantity.measurementValue - line.refundedQty);
		const existing = byLine.get(line.returnOrderLineNumber);
		if (existing) existing.quantity += quantity;
		else
			byLine.set(line.returnOrderLineNumber, {
				line,
				quantity,
				unitOfMeasure: parsed.unitOfMeasure,
			});
	});

	for (const { line, quantity } of byLine.values()) checkRefundable(returnOrder, line, quantity);
	for (const { line, quantity } of byLine.values()) applyRefund(line, quantity, context.now);
	returnOrder.lastModified = context.now;

	return {
		status: 200,
		body: {
			returnOrderId,
			customerOrderId,
			refundLines: [...byLine.values()].map(({ line, quantity, unitOfMeasure }) => ({
				returnOrderLineNumber: line.returnOrderLineNumber,
				quantity: { unitOfMeasure, measurementValue: quantity },
			})),
		},
	};
}

module.exports = { issueReturnRefund };
