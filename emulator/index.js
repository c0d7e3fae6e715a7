// @ts-check
// Public entry point: startEmulator() runs a local Walmart Marketplace API on loopback.

const { EmulatorState } = require('./state');
const { createEmulatorServer } = require('./server');
const { renderOrder } = require('./orders');
const { renderReturn } = require('./returns');
const { parseThrottleConfig } = require('./throttle');
const { BULK_ORDERS } = require('./constants');
const { clone } = require('./util');
const live = require('./live');
const notifications = require('./notifications');

/** @typedef {import('./state').EmulatorOptions} EmulatorOptions */
/** @typedef {import('./state').ResetOverrides} ResetOverrides */
/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {import('./types').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./types').ThrottleConfig} ThrottleConfig */

/**
 * @typedef {{
 *   readonly baseUrl: string,
 *   readonly clientId: string,
 *   readonly clientSecret: string,
 *   readonly requests: RequestLogEntry[],
 *   clearRequests: () => void,
 *   injectFault: (fault: unknown) => import('./types').Fault,
 *   clearFaults: () => void,
 *   setTokenLifetime: (seconds: number) => void,
 *   expireAllTokens: () => void,
 *   setThrottle: (config: Partial<ThrottleConfig>) => void,
 *   setChargeReading: (reading: import('./types').ChargeReading) => void,
 *   setLatency: (ms: number) => void,
 *   setOrderCap: (cap: number | null) => void,
 *   getOrder: (purchaseOrderId: string) => Order | undefined,
 *   getReturn: (returnOrderId: string) => ReturnOrder | undefined,
 *   orders: () => Order[],
 *   returns: () => ReturnOrder[],
 *   now: () => number,
 *   info: () => ReturnType<EmulatorState['info']>,
 *   reset: (overrides?: ResetOverrides) => void,
 *   advanceClock: (ms: number) => number,
 *   createOrder: (order?: import('./live').NewOrder) => Order,
 *   moveLine: (purchaseOrderId: string, lineNumber: string, move: import('./live').LineMove) => Order,
 *   refundLine: (purchaseOrderId: string, lineNumber: string, refund: import('./live').LineRefund) => Order,
 *   openReturn: (spec: import('./live').NewReturn) => ReturnOrder,
 *   moveReturnLine: (returnOrderId: string, lineNumber: number, move: import('./live').ReturnLineMove) => ReturnOrder,
 *   emitNotification: (event: import('./notifications').EmitRequest) => Promise<import('./notifications').EmitResult>,
 *   subscriptions: () => import('./notifications').SubscriptionRecord[],
 *   deliveries: () => import('./notifications').DeliveryLogEntry[],
 *   clearDeliveries: () => void,
 *   waitForDeliveries: () => Promise<void>,
 *   setHmacEncoding: (encoding: import('./notifications').HmacEncoding) => void,
 *   setRedeliveryDelay: (ms: number) => void,
 *   close: () => Promise<void>,
 * }} Emulator
 */

/**
 * @param {string} host
 * @param {number} port
 */
function baseUrlFor(host, port) {
	const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	return `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`;
}

/**
 * @param {EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
async function startEmulator(options = {}) {
	const state = new EmulatorState(options);
	const { server, cancelPendingWork } = createEmulatorServer(state);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(state.options.port, state.options.host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = server.address();
	if (address === null || typeof address === 'string') {
		throw new Error('emulator server did not bind to a TCP port');
	}
	state.baseUrl = baseUrlFor(state.options.host, address.port);

	let closed = false;
	return {
		get baseUrl() {
			return state.baseUrl;
		},
		get clientId() {
			return state.options.clientId;
		},
		get clientSecret() {
			return state.options.clientSecret;
		},
		get requests() {
			return state.log.entries;
		},
		clearRequests: () => state.log.clear(),
		injectFault: (fault) => state.faults.inject(fault),
		clearFaults: () => state.faults.clear(),
		setTokenLifetime: (seconds) => state.setTokenLifetime(seconds),
		expireAllTokens: () => state.tokens.expireAll(),
		setThrottle: (config) => state.throttle.configure(parseThrottleConfig(config)),
		setChargeReading: (reading) => state.setChargeReading(reading),
		setLatency: (ms) => state.scale.setLatency(ms),
		setOrderCap: (cap) => state.scale.setOrderCap(cap),
		getOrder: (purchaseOrderId) => {
			const order = state.store.order(purchaseOrderId);
			return order === undefined ? undefined : clone(order);
		},
		getReturn: (returnOrderId) => {
			const returnOrder = state.store.returnOrder(returnOrderId);
			return returnOrder === undefined ? undefined : clone(returnOrder);
		},
		orders: () => clone(state.store.orders),
		returns: () => clone(state.store.returns),
		now: () => state.clock(),
		info: () => state.info(),
		reset: (overrides) => state.reset(overrides),
		advanceClock: (ms) => live.advanceClock(state, ms),
		createOrder: (order) => live.createOrder(state, order),
		moveLine: (purchaseOrderId, lineNumber, move) =>
			live.moveLine(state, purchaseOrderId, lineNumber, move),
		refundLine: (purchaseOrderId, lineNumber, refund) =>
			live.refundLine(state, purchaseOrderId, lineNumber, refund),
		openReturn: (spec) => live.openReturn(state, spec),
		moveReturnLine: (returnOrderId, lineNumber, move) =>
			live.moveReturnLine(state, returnOrderId, lineNumber, move),
		emitNotification: (event) => notifications.emitNotification(state, event),
		subscriptions: () => clone(state.notifications.subscriptions),
		deliveries: () => clone(state.notifications.log),
		clearDeliveries: () => state.notifications.clearLog(),
		waitForDeliveries: () => state.notifications.settle(),
		setHmacEncoding: (encoding) => state.notifications.setHmacEncoding(encoding),
		setRedeliveryDelay: (ms) => state.notifications.setRedeliveryDelay(ms),
		close: async () => {
			if (closed) return;
			closed = true;
			cancelPendingWork();
			await new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { startEmulator, renderOrder, renderReturn, BULK_ORDERS };
