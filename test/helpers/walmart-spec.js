// @ts-check
/**
 * The request shapes of Walmart's orders spec (acknowledgeOrders, shippingUpdates) as checks:
 * every field name, type, enum and required field of the shipping body, the headers every call
 * needs, and the paths. `problems…` functions return what does not match, empty when it does.
 * The carrier and method enums come from the emulator, which copies them from the spec.
 */
const { CARRIERS, SHIP_METHOD_CODES } = require('../../emulator/constants');

/** @typedef {{ method: string, path: string, headers: Record<string, unknown>, body: unknown }} LoggedRequest */

/**
 * @param {unknown} value
 * @param {string} where
 * @param {{ required: string[], optional: string[] }} keys
 * @param {string[]} problems
 * @returns {Record<string, unknown>}
 */
function object(value, where, keys, problems) {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		problems.push(`${where} is not an object`);
		return {};
	}
	const record = /** @type {Record<string, unknown>} */ (value);
	for (const key of keys.required) {
		if (record[key] === undefined) problems.push(`${where}.${key} is missing (required)`);
	}
	for (const key of Object.keys(record)) {
		if (!keys.required.includes(key) && !keys.optional.includes(key)) {
			problems.push(`${where}.${key} is not in the spec`);
		}
	}
	return record;
}

/**
 * @param {unknown} value
 * @param {string} where
 * @param {string} type
 * @param {string[]} problems
 */
function typed(value, where, type, problems) {
	if (value === undefined) return;
	const actual = Array.isArray(value) ? 'array' : typeof value;
	if (type === 'integer') {
		if (!Number.isSafeInteger(value)) problems.push(`${where} is not an integer`);
		return;
	}
	if (actual !== type) problems.push(`${where} is ${actual}, the spec says ${type}`);
}

/**
 * @param {unknown} value
 * @param {string} where
 * @param {readonly string[]} allowed
 * @param {string[]} problems
 */
function oneOf(value, where, allowed, problems) {
	if (value !== undefined && !allowed.includes(/** @type {string} */ (value))) {
		problems.push(`${where} is ${JSON.stringify(value)}, not one of the spec's values`);
	}
}

/**
 * The body of POST /v3/orders/{purchaseOrderId}/shipping, field by field against the spec's
 * schema, plus what the spec says in words: sellerOrderId at most 30 characters, otherCarrier
 * needs trackingURL. Ship dates are epoch milliseconds (int64); the node sends whole seconds.
 * @param {unknown} body
 * @returns {string[]}
 */
function shippingBodyProblems(body) {
	/** @type {string[]} */
	const problems = [];
	const root = object(body, 'body', { required: ['orderShipment'], optional: [] }, problems);
	const shipment = object(
		root.orderShipment,
		'orderShipment',
		{ required: ['orderLines'], optional: ['processMode'] },
		problems,
	);
	typed(shipment.processMode, 'orderShipment.processMode', 'string', problems);
	oneOf(shipment.processMode, 'orderShipment.processMode', ['PARTIAL_UPDATE'], problems);
	const orderLines = object(
		shipment.orderLines,
		'orderShipment.orderLines',
		{ required: ['orderLine'], optional: [] },
		problems,
	);
	typed(orderLines.orderLine, 'orderShipment.orderLines.orderLine', 'array', problems);
	const lines = Array.isArray(orderLines.orderLine) ? orderLines.orderLine : [];
	lines.forEach((rawLine, index) => {
		const where = `orderLine[${index}]`;
		const line = object(
			rawLine,
			where,
			{
				required: ['lineNumber', 'orderLineStatuses', 'sellerOrderId'],
				optional: ['intentToCancelOverride', 'sellerOrderNo'],
			},
			problems,
		);
		typed(line.lineNumber, `${where}.lineNumber`, 'string', problems);
		typed(line.intentToCancelOverride, `${where}.intentToCancelOverride`, 'boolean', problems);
		typed(line.sellerOrderId, `${where}.sellerOrderId`, 'string', problems);
		if (typeof line.sellerOrderId === 'string' && line.sellerOrderId.length > 30) {
			problems.push(`${where}.sellerOrderId has more than 30 characters`);
		}
		const statuses = object(
			line.orderLineStatuses,
			`${where}.orderLineStatuses`,
			{ required: ['orderLineStatus'], optional: [] },
			problems,
		);
		typed(statuses.orderLineStatus, `${where}.orderLineStatus`, 'array', problems);
		const entries = Array.isArray(statuses.orderLineStatus) ? statuses.orderLineStatus : [];
		entries.forEach((rawEntry, entryIndex) => {
			const at = `${where}.orderLineStatus[${entryIndex}]`;
			const entry = object(
				rawEntry,
				at,
				{
					required: ['status', 'statusQuantity', 'trackingInfo'],
					optional: ['asn', 'returnCenterAddress', 'currentTrackingInfo'],
				},
				problems,
			);
			oneOf(entry.status, `${at}.status`, ['Shipped'], problems);
			const quantity = object(
				entry.statusQuantity,
				`${at}.statusQuantity`,
				{ required: ['amount', 'unitOfMeasurement'], optional: [] },
				problems,
			);
			oneOf(quantity.unitOfMeasurement, `${at}.unitOfMeasurement`, ['EACH', 'EA'], problems);
			typed(quantity.amount, `${at}.amount`, 'string', problems);
			if (typeof quantity.amount === 'string' && !/^[1-9]\d*$/.test(quantity.amount)) {
				problems.push(`${at}.amount is not a whole number of 1 or more`);
			}
			const tracking = object(
				entry.trackingInfo,
				`${at}.trackingInfo`,
				{
					required: ['carrierName', 'methodCode', 'shipDateTime', 'trackingNumber'],
					optional: ['trackingURL'],
				},
				problems,
			);
			typed(tracking.shipDateTime, `${at}.shipDateTime`, 'integer', problems);
			if (typeof tracking.shipDateTime === 'number' && tracking.shipDateTime % 1000 !== 0) {
				problems.push(`${at}.shipDateTime has milliseconds`);
			}
			const carrier = object(
				tracking.carrierName,
				`${at}.carrierName`,
				{ required: [], optional: ['carrier', 'otherCarrier'] },
				problems,
			);
			if ((carrier.carrier === undefined) === (carrier.otherCarrier === undefined)) {
				problems.push(`${at}.carrierName needs exactly one of carrier and otherCarrier`);
			}
			oneOf(carrier.carrier, `${at}.carrierName.carrier`, CARRIERS, problems);
			typed(carrier.otherCarrier, `${at}.carrierName.otherCarrier`, 'string', problems);
			if (carrier.otherCarrier !== undefined && typeof tracking.trackingURL !== 'string') {
				problems.push(`${at}: otherCarrier without trackingURL`);
			}
			oneOf(tracking.methodCode, `${at}.methodCode`, SHIP_METHOD_CODES, problems);
			typed(tracking.trackingNumber, `${at}.trackingNumber`, 'string', problems);
			typed(tracking.trackingURL, `${at}.trackingURL`, 'string', problems);
			if (entry.currentTrackingInfo !== undefined) {
				const current = object(
					entry.currentTrackingInfo,
					`${at}.currentTrackingInfo`,
					{ required: [], optional: ['trackingNumber'] },
					problems,
				);
				typed(
					current.trackingNumber,
					`${at}.currentTrackingInfo.trackingNumber`,
					'string',
					problems,
				);
			}
		});
	});
	return problems;
}

/**
 * The spec's required headers of every order call, and a JSON content type when there is a body.
 * @param {LoggedRequest} request as the emulator logs it (lower-case header names)
 * @returns {string[]}
 */
function headerProblems(request) {
	/** @type {string[]} */
	const problems = [];
	for (const name of ['wm_sec.access_token', 'wm_qos.correlation_id', 'wm_svc.name']) {
		if (!request.headers[name]) problems.push(`header ${name} is missing`);
	}
	if (request.body !== undefined) {
		const type = String(request.headers['content-type'] ?? '');
		if (!type.startsWith('application/json')) problems.push(`content-type is ${type}`);
	}
	return problems;
}

/**
 * Acknowledge: the path, the headers, and no body (the spec defines none).
 * @param {LoggedRequest} request
 * @param {string} purchaseOrderId
 */
function acknowledgeProblems(request, purchaseOrderId) {
	const problems = headerProblems(request);
	if (request.method !== 'POST') problems.push(`method ${request.method}`);
	if (request.path !== `/v3/orders/${purchaseOrderId}/acknowledge`) {
		problems.push(`path ${request.path}`);
	}
	if (request.body !== undefined) problems.push('a body was sent');
	return problems;
}

/**
 * Shipping and tracking corrections: the path, the headers and the body.
 * @param {LoggedRequest} request
 * @param {string} purchaseOrderId
 */
function shippingProblems(request, purchaseOrderId) {
	const problems = [...headerProblems(request), ...shippingBodyProblems(request.body)];
	if (request.method !== 'POST') problems.push(`method ${request.method}`);
	if (request.path !== `/v3/orders/${purchaseOrderId}/shipping`) {
		problems.push(`path ${request.path}`);
	}
	return problems;
}

module.exports = { shippingBodyProblems, headerProblems, acknowledgeProblems, shippingProblems };
