// @ts-check
// POST /v3/orders/{purchaseOrderId}/acknowledge: the seller confirms a whole order. No body.

const { invalidContent, contentNotFound } = require('./errors');
const { renderOrder } = require('./orders');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').LineStatus} LineStatus */
/** @typedef {import('./routes').BusinessContext} BusinessContext */

const API = 'GMP_ORDER_API';

/**
 * @param {Order} order
 * @param {LineStatus[]} statuses
 */
function quantityIn(order, statuses) {
	let total = 0;
	for (const line of order.orderLines.orderLine) {
		for (const entry of line.orderLineStatuses.orderLineStatus) {
			if (statuses.includes(entry.status)) total += Number(entry.statusQuantity.amount);
		}
	}
	return total;
}

/**
 * Walmart's wording, two spaces included, as other clients have recorded it.
 * @param {string} purchaseOrderId
 */
function higherStatus(purchaseOrderId) {
	return invalidContent(
		API,
		'data',
		`INVALID_REQUEST_CONTENT :: Failed when called acknowledge API for '${purchaseOrderId}'.  Some or all qty in higher status`,
	);
}

/**
 * Turns the line's Created quantity into Acknowledged, merged into an existing Acknowledged entry.
 * @param {OrderLine} line
 * @param {number} now
 * @returns {boolean} whether the line changed
 */
function acknowledgeLine(line, now) {
	const statuses = line.orderLineStatuses.orderLineStatus;
	let acknowledged = statuses.find((entry) => entry.status === 'Acknowledged');
	let changed = false;
	for (const entry of statuses) {
		if (entry.status !== 'Created' || Number(entry.statusQuantity.amount) === 0) continue;
		changed = true;
		if (acknowledged === undefined) {
			entry.status = 'Acknowledged';
			acknowledged = entry;
		} else {
			acknowledged.statusQuantity.amount = String(
				Number(acknowledged.statusQuantity.amount) + Number(entry.statusQuantity.amount),
			);
			entry.statusQuantity.amount = '0';
		}
	}
	if (!changed) return false;
	line.orderLineStatuses.orderLineStatus = statuses.filter(
		(entry) => Number(entry.statusQuantity.amount) > 0,
	);
	line.statusDate = now;
	return true;
}

/**
 * Acknowledges every Created unit of the order. A repeat on an order that is all acknowledged is
 * accepted and changes nothing. With nothing left to acknowledge and some quantity shipped,
 * delivered or only cancelled, Walmart's "higher status" error is the answer.
 * @param {ApiRequest} request
 * @param {BusinessContext} context
 * @returns {Reply}
 */
function acknowledgeOrder(request, context) {
	const purchaseOrderId = request.params.purchaseOrderId;
	const order = context.store.order(purchaseOrderId);
	if (order === undefined) {
		throw contentNotFound(
			API,
			`No purchase order found with purchaseOrderId '${purchaseOrderId}'.`,
		);
	}
	if (order.shipNode.type === 'WFSFulfilled') {
		throw invalidContent(
			API,
			'data',
			`Unable to process this request. PO: ${purchaseOrderId} is fulfilled by Walmart Fulfillment Services (WFS); Walmart acknowledges it, not the seller.`,
		);
	}
	if (quantityIn(order, ['Created']) === 0) {
		const movedOn = quantityIn(order, ['Shipped', 'Delivered']) > 0;
		if (movedOn || quantityIn(order, ['Acknowledged']) === 0) throw higherStatus(purchaseOrderId);
	} else {
		for (const line of order.orderLines.orderLine) acknowledgeLine(line, context.now);
		order.lastModified = context.now;
	}
	return {
		status: 200,
		body: { order: renderOrder(order, { productInfo: false, replacementInfo: false }) },
	};
}

module.exports = { acknowledgeOrder };
