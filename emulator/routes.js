// @ts-check
// The Walmart endpoints the emulator serves. `name` is Walmart's operationId; it also names the
// throttle bucket, so limits can be set per endpoint as Walmart does.

const { handleTokenRequest } = require('./auth');
const { listOrders, getOrder } = require('./orders');
const { listReturns } = require('./returns');
const { cancelOrderLines } = require('./cancel');
const { refundOrderLines } = require('./refund');
const { issueReturnRefund } = require('./return-refund');
const { acknowledgeOrder } = require('./acknowledge');
const { shipOrderLines } = require('./shipping');
const {
	getEventTypes,
	createSubscription,
	getAllSubscriptions,
	updateSubscription,
	deleteSubscription,
	testNotification,
} = require('./notifications');
const { routeNotFound, methodNotAllowed } = require('./errors');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./errors').ApiSuffix} ApiSuffix */
/** @typedef {import('./state').EmulatorState} EmulatorState */
/** @typedef {import('./gateway').Market} Market */
/**
 * @typedef {{
 *   store: import('./store').DataStore,
 *   now: number,
 *   market: Market,
 *   chargeReading: import('./types').ChargeReading,
 *   orderCap: number | null,
 *   notifications: import('./notifications').Notifications,
 * }} BusinessContext
 */

/**
 * Business handlers are synchronous, which keeps each write atomic; only the webhook test, which
 * has to wait for the seller's endpoint to answer, returns a Promise.
 * @typedef {{
 *   name: string,
 *   method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
 *   pattern: RegExp,
 *   params: string[],
 *   api: ApiSuffix,
 *   jsonBody: boolean,
 * } & (
 *   | { kind: 'token', handle: (request: ApiRequest, state: EmulatorState) => Reply }
 *   | { kind: 'business', handle: (request: ApiRequest, context: BusinessContext) => Reply | Promise<Reply> }
 * )} Route
 */

/** @type {Route[]} */
const ROUTES = [
	{
		name: 'tokenAPI',
		kind: 'token',
		method: 'POST',
		pattern: /^\/v3\/token$/,
		params: [],
		api: 'GMP_GATEWAY_API',
		jsonBody: false,
		handle: (request, state) =>
			handleTokenRequest(request, {
				clientId: state.options.clientId,
				clientSecret: state.options.clientSecret,
				tokens: state.tokens,
			}),
	},
	{
		name: 'getAllReleasedOrders',
		kind: 'business',
		method: 'GET',
		pattern: /^\/v3\/orders\/released$/,
		params: [],
		api: 'GMP_ORDER_API',
		jsonBody: false,
		handle: (request, context) => listOrders(request, context, 'released'),
	},
	{
		name: 'getAllOrders',
		kind: 'business',
		method: 'GET',
		pattern: /^\/v3\/orders$/,
		params: [],
		api: 'GMP_ORDER_API',
		jsonBody: false,
		handle: (request, context) => listOrders(request, context, 'all'),
	},
	{
		name: 'getAnOrder',
		kind: 'business',
		method: 'GET',
		pattern: /^\/v3\/orders\/([^/]+)$/,
		params: ['purchaseOrderId'],
		api: 'GMP_ORDER_API',
		jsonBody: false,
		handle: getOrder,
	},
	{
		name: 'cancelOrderLines',
		kind: 'business',
		method: 'POST',
		pattern: /^\/v3\/orders\/([^/]+)\/cancel$/,
		params: ['purchaseOrderId'],
		api: 'GMP_ORDER_API',
		jsonBody: true,
		handle: cancelOrderLines,
	},
	{
		name: 'acknowledgeOrders',
		kind: 'business',
		method: 'POST',
		pattern: /^\/v3\/orders\/([^/]+)\/acknowledge$/,
		params: ['purchaseOrderId'],
		api: 'GMP_ORDER_API',
		// Walmart's acknowledge takes no body, so none is parsed or required.
		jsonBody: false,
		handle: acknowledgeOrder,
	},
	{
		name: 'shippingUpdates',
		kind: 'business',
		method: 'POST',
		pattern: /^\/v3\/orders\/([^/]+)\/shipping$/,
		params: ['purchaseOrderId'],
		api: 'GMP_ORDER_API',
		jsonBody: true,
		handle: shipOrderLines,
	},
	{
		name: 'refundOrderLines',
		kind: 'business',
		method: 'POST',
		pattern: /^\/v3\/orders\/([^/]+)\/refund$/,
		params: ['purchaseOrderId'],
		api: 'GMP_ORDER_API',
		jsonBody: true,
		handle: refundOrderLines,
	},
	{
		name: 'getReturns',
		kind: 'business',
		method: 'GET',
		pattern: /^\/v3\/returns$/,
		params: [],
		api: 'GMP_RETURNS_API',
		jsonBody: false,
		handle: listReturns,
	},
	{
		name: 'issueRefund',
		kind: 'business',
		method: 'POST',
		pattern: /^\/v3\/returns\/([^/]+)\/refund$/,
		params: ['returnOrderId'],
		api: 'GMP_RETURNS_API',
		jsonBody: true,
		handle: issueReturnRefund,
	},
	{
		name: 'getEventTypes',
		kind: 'business',
		method: 'GET',
		pattern: /^\/v3\/webhooks\/eventTypes$/,
		params: [],
		api: 'GMP_NOTIFICATIONS_API',
		jsonBody: false,
		handle: getEventTypes,
	},
	{
		name: 'createSubscription',
		kind: 'business',
		method: 'POST',
		pattern: /^\/v3\/webhooks\/subscriptions$/,
		params: [],
		api: 'GMP_NOTIFICATIONS_API',
		jsonBody: true,
		handle: createSubscription,
	},
	{
		name: 'getAllSubscriptions',
		kind: 'business',
		method: 'GET',
		pattern: /^\/v3\/webhooks\/subscriptions$/,
		params: [],
		api: 'GMP_NOTIFICATIONS_API',
		jsonBody: false,
		handle: getAllSubscriptions,
	},
	{
		name: 'updateSubscription',
		kind: 'business',
		method: 'PATCH',
		pattern: /^\/v3\/webhooks\/subscriptions\/([^/]+)$/,
		params: ['subscriptionId'],
		api: 'GMP_NOTIFICATIONS_API',
		jsonBody: true,
		handle: updateSubscription,
	},
	{
		name: 'deleteSubscription',
		kind: 'business',
		method: 'DELETE',
		pattern: /^\/v3\/webhooks\/subscriptions\/([^/]+)$/,
		params: ['subscriptionId'],
		api: 'GMP_NOTIFICATIONS_API',
		jsonBody: false,
		handle: deleteSubscription,
	},
	{
		name: 'testNotification',
		kind: 'business',
		method: 'POST',
		pattern: /^\/v3\/webhooks\/test$/,
		params: [],
		api: 'GMP_NOTIFICATIONS_API',
		jsonBody: true,
		handle: testNotification,
	},
];

/**
 * @param {string} method
 * @param {string} path
 * @returns {{ route: Route, params: Record<string, string> }}
 */
function matchRoute(method, path) {
	/** @type {string[]} */
	const allowed = [];
	for (const route of ROUTES) {
		const match = route.pattern.exec(path);
		if (!match) continue;
		if (route.method !== method) {
			allowed.push(route.method);
			continue;
		}
		/** @type {Record<string, string>} */
		const params = {};
		for (const [index, name] of route.params.entries()) {
			try {
				params[name] = decodeURIComponent(match[index + 1]);
			} catch {
				throw routeNotFound(path);
			}
		}
		return { route, params };
	}
	// /v3/orders/released also matches the {purchaseOrderId} pattern, so collect every method.
	if (allowed.length > 0) throw methodNotAllowed(method, path, [...new Set(allowed)]);
	throw routeNotFound(path);
}

module.exports = { matchRoute };
