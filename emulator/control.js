// @ts-check
// /_emulator/* control routes, so tests in another process (a real n8n) can steer the emulator.
// They need no auth and are not logged: they are test plumbing, not Walmart behaviour.

const { isRecord, clone } = require('./util');
const { parseFault } = require('./faults');
const { parseThrottleConfig } = require('./throttle');
const { handleLiveControl } = require('./live');
const { handleScaleControl } = require('./scale');
const { handleNotificationControl } = require('./notifications');

/** @typedef {import('./state').EmulatorState} EmulatorState */
/** @typedef {{ status: number, body: unknown }} ControlReply */

/**
 * @param {unknown} message
 * @returns {ControlReply}
 */
function badRequest(message) {
	return { status: 400, body: { error: String(message) } };
}

/** @param {string} what */
function notFound(what) {
	return { status: 404, body: { error: `${what} not found` } };
}

/**
 * @param {unknown} body
 * @returns {import('./state').ResetOverrides}
 */
function resetOverrides(body) {
	if (body === undefined) return {};
	if (!isRecord(body)) throw new TypeError('reset body must be an object');
	/** @type {import('./state').ResetOverrides} */
	const overrides = {};
	for (const key of /** @type {const} */ (['seed', 'orderCount', 'returnCount', 'now'])) {
		const value = body[key];
		if (value === undefined) continue;
		if (typeof value !== 'number') throw new TypeError(`${key} must be a number`);
		overrides[key] = value;
	}
	if (body.chargeReading !== undefined) {
		// Validated by the state, which names the allowed readings.
		overrides.chargeReading = /** @type {import('./types').ChargeReading} */ (body.chargeReading);
	}
	return overrides;
}

/**
 * @param {EmulatorState} state
 * @param {string} method
 * @param {string} path
 * @param {unknown} body
 * @returns {ControlReply | Promise<ControlReply>} a Promise for routes that wait for deliveries
 */
function handleControl(state, method, path, body) {
	const route = `${method} ${path.replace(/\/+$/, '')}`;
	try {
		switch (route) {
			case 'GET /_emulator/info':
				return { status: 200, body: state.info() };
			case 'GET /_emulator/requests':
				return { status: 200, body: state.log.entries };
			case 'DELETE /_emulator/requests':
				state.log.clear();
				return { status: 200, body: { cleared: true } };
			case 'GET /_emulator/faults':
				return { status: 200, body: state.faults.list() };
			case 'DELETE /_emulator/faults':
				state.faults.clear();
				return { status: 200, body: { cleared: true } };
			case 'POST /_emulator/faults': {
				const faults = Array.isArray(body) ? body : [body];
				// Validate all first so a bad entry queues nothing.
				const parsed = faults.map((fault) => parseFault(fault));
				for (const fault of parsed) state.faults.inject(fault);
				return { status: 200, body: { queued: parsed } };
			}
			case 'POST /_emulator/token-lifetime': {
				if (!isRecord(body) || typeof body.seconds !== 'number') {
					return badRequest('body must be {"seconds": <positive number>}');
				}
				state.setTokenLifetime(body.seconds);
				return { status: 200, body: { tokenLifetimeSeconds: body.seconds } };
			}
			case 'POST /_emulator/expire-tokens':
				state.tokens.expireAll();
				return { status: 200, body: { expired: true } };
			case 'POST /_emulator/charge-reading': {
				if (!isRecord(body) || body.reading === undefined) {
					return badRequest('body must be {"reading": "perUnit" | "lineTotal"}');
				}
				state.setChargeReading(body.reading);
				return { status: 200, body: { chargeReading: state.chargeReading } };
			}
			case 'POST /_emulator/throttle':
				state.throttle.configure(parseThrottleConfig(body));
				return { status: 200, body: state.throttle.config };
			case 'POST /_emulator/reset':
				state.reset(resetOverrides(body));
				return { status: 200, body: state.info() };
			case 'GET /_emulator/orders':
				return { status: 200, body: state.store.orders };
			case 'GET /_emulator/returns':
				return { status: 200, body: state.store.returns };
		}
		const live = handleLiveControl(state, route, body);
		if (live) return live;
		const notification = handleNotificationControl(state, route, body);
		if (notification) return notification;
		const orderMatch = /^GET \/_emulator\/orders\/([^/]+)$/.exec(route);
		if (orderMatch) {
			const order = state.store.order(decodeURIComponent(orderMatch[1]));
			return order ? { status: 200, body: clone(order) } : notFound('order');
		}
		const returnMatch = /^GET \/_emulator\/returns\/([^/]+)$/.exec(route);
		if (returnMatch) {
			const returnOrder = state.store.returnOrder(decodeURIComponent(returnMatch[1]));
			return returnOrder ? { status: 200, body: clone(returnOrder) } : notFound('return');
		}
		const scaleReply = handleScaleControl(state.scale, route, body);
		if (scaleReply) return scaleReply;
		return notFound(`control route ${route}`);
	} catch (error) {
		return badRequest(error instanceof Error ? error.message : error);
	}
}

module.exports = { handleControl };
