// @ts-check
// POST /v3/orders/{purchaseOrderId}/cancel: all-or-nothing cancellation of unshipped quantity.

const { invalidContent, contentNotFound } = require('./errors');
const { renderOrder } = require('./orders');
const {
	requireObject,
	requireNonEmptyArray,
	requireString,
	requireLineNumber,
	requireOneOf,
} = require('./validate');
const {
	CANCELLATION_REASONS_BY_MARKET,
	UNITS_OF_MEASUREMENT,
	MAX_CANCEL_LINES,
} = require('./constants');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').LineStatus} LineStatus */
/** @typedef {import('./routes').BusinessContext} BusinessContext */
/** @typedef {{ reason: string, quantity: number }} CancelPart */
/** @typedef {{ lineNumber: string, field: string, parts: CancelPart[] }} CancelLineRequest */

const API = 'GMP_ORDER_API';
const CANCELLABLE_STATUSES = /** @type {const} */ (['Created', 'Acknowledged']);
// When nothing is cancellable, the message names the furthest status the line has reached.
const BLOCKING_STATUS_ORDER = /** @type {const} */ (['Delivered', 'Shipped', 'Cancelled']);

/**
 * @param {unknown} body
 * @param {string} market
 * @returns {CancelLineRequest[]}
 */
function parseCancellation(body, market) {
	const root = requireObject(API, body, 'orderCancellation');
	const cancellation = requireObject(API, root.orderCancellation, 'orderCancellation');
	const orderLines = requireObject(API, cancellation.orderLines, 'orderCancellation.orderLines');
	const lines = requireNonEmptyArray(
		API,
		orderLines.orderLine,
		'orderCancellation.orderLines.orderLine',
	);
	if (lines.length > MAX_CANCEL_LINES) {
		throw invalidContent(
			API,
			'orderCancellation.orderLines.orderLine',
			`A cancellation can contain at most ${MAX_CANCEL_LINES} order lines; this request has ${lines.length}. Split it into several requests.`,
		);
	}
	const reasons = CANCELLATION_REASONS_BY_MARKET[market];
	const seen = new Set();
	return lines.map((rawLine, lineIndex) => {
		const field = `orderCancellation.orderLines.orderLine[${lineIndex}]`;
		const line = requireObject(API, rawLine, field);
		const lineNumber = requireLineNumber(API, line.lineNumber, `${field}.lineNumber`);
		if (seen.has(lineNumber)) {
			throw invalidContent(
				API,
				`${field}.lineNumber`,
				`lineNumber ${lineNumber} appears more than once in this request. Send each line once.`,
			);
		}
		seen.add(lineNumber);
		const statuses = requireObject(API, line.orderLineStatuses, `${field}.orderLineStatuses`);
		const entries = requireNonEmptyArray(
			API,
			statuses.orderLineStatus,
			`${field}.orderLineStatuses.orderLineStatus`,
		);
		const parts = entries.map((rawEntry, entryIndex) => {
			const entryField = `${field}.orderLineStatuses.orderLineStatus[${entryIndex}]`;
			const entry = requireObject(API, rawEntry, entryField);
			if (entry.status !== 'Cancelled') {
				throw invalidContent(
					API,
					`${entryField}.status`,
					`${entryField}.status must be 'Cancelled' (got ${JSON.stringify(entry.status)}).`,
				);
			}
			const reasonField = `${entryField}.cancellationReason`;
			if (!reasons.includes(String(entry.cancellationReason))) {
				throw invalidContent(
					API,
					reasonField,
					`Invalid cancellationReason ${JSON.stringify(entry.cancellationReason)} for market ${market.toUpperCase()}. Allowed values: ${reasons.join(', ')}.`,
				);
			}
			const reason = requireString(API, entry.cancellationReason, reasonField);
			const quantity = requireObject(API, entry.statusQuantity, `${entryField}.statusQuantity`);
			requireOneOf(
				API,
				quantity.unitOfMeasurement,
				`${entryField}.statusQuantity.unitOfMeasurement`,
				UNITS_OF_MEASUREMENT,
			);
			const amount = quantity.amount;
			if (typeof amount !== 'string' || !/^[1-9]\d*$/.test(amount)) {
				throw invalidContent(
					API,
					`${entryField}.statusQuantity.amount`,
					`${entryField}.statusQuantity.amount must be a positive whole number as a string, e.g. "1" (got ${JSON.stringify(amount)}).`,
				);
			}
			return { reason, quantity: Number(amount) };
		});
		return { lineNumber, field, parts };
	});
}

/**
 * @param {OrderLine} line
 * @param {LineStatus} status
 */
function quantityIn(line, status) {
	return line.orderLineStatuses.orderLineStatus
		.filter((entry) => entry.status === status)
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
}

/**
 * Refuses the whole request if any line cannot be cancelled as asked.
 * @param {Order} order
 * @param {CancelLineRequest[]} requests
 * @returns {{ line: OrderLine, request: CancelLineRequest }[]}
 */
function checkCancellable(order, requests) {
	const po = order.purchaseOrderId;
	return requests.map((request) => {
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
		const requested = request.parts.reduce((sum, part) => sum + part.quantity, 0);
		const cancellable = CANCELLABLE_STATUSES.reduce(
			(sum, status) => sum + quantityIn(line, status),
			0,
		);
		if (cancellable === 0) {
			const blocking =
				BLOCKING_STATUS_ORDER.find((status) => quantityIn(line, status) > 0) ?? 'Cancelled';
			throw invalidContent(
				API,
				'data',
				`Unable to process this request. The Line: ${line.lineNumber} of PO: ${po} is in ${blocking.toUpperCase()} status`,
			);
		}
		if (requested > cancellable) {
			throw invalidContent(
				API,
				'data',
				`Unable to process this request. The Line: ${line.lineNumber} of PO: ${po} has only ${cancellable} unit(s) in Created/Acknowledged status, but ${requested} were requested for cancellation.`,
			);
		}
		return { line, request };
	});
}

/**
 * Moves quantity out of Created first, then Acknowledged, into Cancelled entries per reason.
 * @param {OrderLine} line
 * @param {CancelPart[]} parts
 * @param {number} now
 */
function applyCancellation(line, parts, now) {
	const statuses = line.orderLineStatuses.orderLineStatus;
	for (const part of parts) {
		let remaining = part.quantity;
		for (const status of CANCELLABLE_STATUSES) {
			for (const entry of statuses) {
				if (entry.status !== status || remaining === 0) continue;
				const available = Number(entry.statusQuantity.amount);
				const taken = Math.min(available, remaining);
				entry.statusQuantity.amount = String(available - taken);
				remaining -= taken;
			}
		}
		const existing = statuses.find(
			(entry) => entry.status === 'Cancelled' && entry.cancellationReason === part.reason,
		);
		if (existing) {
			existing.statusQuantity.amount = String(
				Number(existing.statusQuantity.amount) + part.quantity,
			);
		} else {
			statuses.push({
				status: 'Cancelled',
				statusQuantity: { unitOfMeasurement: 'EACH', amount: String(part.quantity) },
				cancellationReason: part.reason,
			});
		}
	}
	line.orderLineStatuses.orderLineStatus = statuses.filter(
		(entry) => Number(entry.statusQuantity.amount) > 0,
	);
	line.statusDate = now;
}

/**
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function cancelOrderLines(request, context) {
	const purchaseOrderId = request.params.purchaseOrderId;
	const order = context.store.order(purchaseOrderId);
	if (order === undefined) {
		throw contentNotFound(
			API,
			`No purchase order found with purchaseOrderId '${purchaseOrderId}'.`,
		);
	}
	const requests = parseCancellation(request.body, context.market);
	if (order.shipNode.type === 'WFSFulfilled') {
		throw invalidContent(
			API,
			'data',
			`Unable to process this request. PO: ${purchaseOrderId} is fulfilled by Walmart Fulfillment Services (WFS); cancel it through the WFS fulfillment API instead.`,
		);
	}
	const approved = checkCancellable(order, requests);
	for (const { line, request: lineRequest } of approved) {
		applyCancellation(line, lineRequest.parts, context.now);
	}
	order.lastModified = context.now;
	return {
		status: 200,
		body: { order: renderOrder(order, { productInfo: false, replacementInfo: false }) },
	};
}

module.exports = { cancelOrderLines };
