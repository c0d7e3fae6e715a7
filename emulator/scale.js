// @ts-check
// What makes the emulator behave like Walmart at scale: the per-query order cap and a per-request
// latency, so paging strategies can be compared with round trips that cost what they cost in
// production rather than a loopback's fraction of a millisecond.

const { WalmartError, errorItem } = require('./errors');

/** Walmart's 2026 docs: "If you try to get more than 10,000 orders, the API will return an error". */
const DEFAULT_ORDER_CAP = 10000;
const MAX_LATENCY_MS = 60000;

/** @typedef {{ orderCap?: number | null, latencyMs?: number }} ScaleOptions */

/** @param {unknown} value */
function assertCap(value) {
	if (value === null) return null;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new RangeError('orderCap must be a positive integer, or null for no cap');
	}
	return value;
}

/** @param {unknown} value */
function assertLatency(value) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_LATENCY_MS) {
		throw new RangeError(`latencyMs must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
	}
	return value;
}

class ScaleSettings {
	/** @param {ScaleOptions} [options] */
	constructor(options = {}) {
		/** @type {number | null} */
		this.configuredCap =
			options.orderCap === undefined ? DEFAULT_ORDER_CAP : assertCap(options.orderCap);
		this.configuredLatencyMs = assertLatency(options.latencyMs ?? 0);
		this.orderCap = this.configuredCap;
		this.latencyMs = this.configuredLatencyMs;
	}

	/** @param {unknown} cap */
	setOrderCap(cap) {
		this.orderCap = assertCap(cap);
	}

	/** @param {unknown} ms */
	setLatency(ms) {
		this.latencyMs = assertLatency(ms);
	}

	/** A reset goes back to what the emulator was started with. */
	restore() {
		this.orderCap = this.configuredCap;
		this.latencyMs = this.configuredLatencyMs;
	}

	info() {
		return { orderCap: this.orderCap, latencyMs: this.latencyMs };
	}
}

/**
 * Walmart's exact answer above the cap is not published; this guess follows the family the
 * order API uses for a query it refuses (400 INVALID_REQUEST_PARAM.GMP_ORDER_API) and names the
 * cap and the date filters, so a client can recognise it and narrow the window.
 * @param {number} matched
 * @param {number} cap
 * @param {string} operation
 */
function orderCapExceeded(matched, cap, operation) {
	return new WalmartError(400, [
		errorItem(
			'INVALID_REQUEST_PARAM',
			'GMP_ORDER_API',
			'createdStartDate',
			`Failed when called ${operation}. The search matches ${matched} orders; at most ${cap} orders can be fetched at a time. Narrow createdStartDate and createdEndDate.`,
		),
	]);
}

/**
 * @param {ScaleSettings} scale
 * @param {string} route e.g. "POST /_emulator/latency"
 * @param {unknown} body
 * @returns {{ status: number, body: unknown } | undefined} undefined when the route is not ours
 */
function handleScaleControl(scale, route, body) {
	const record =
		typeof body === 'object' && body !== null ? /** @type {Record<string, unknown>} */ (body) : {};
	switch (route) {
		case 'GET /_emulator/scale':
			return { status: 200, body: scale.info() };
		case 'POST /_emulator/latency':
			if (record.ms === undefined)
				return { status: 400, body: { error: 'body must be {"ms": <0 to 60000>}' } };
			scale.setLatency(record.ms);
			return { status: 200, body: scale.info() };
		case 'POST /_emulator/order-cap':
			if (!('cap' in record)) {
				return { status: 400, body: { error: 'body must be {"cap": <positive integer> | null}' } };
			}
			scale.setOrderCap(record.cap);
			return { status: 200, body: scale.info() };
	}
	return undefined;
}

module.exports = { ScaleSettings, orderCapExceeded, handleScaleControl, DEFAULT_ORDER_CAP };
