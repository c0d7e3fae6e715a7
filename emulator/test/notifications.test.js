// @ts-check
// Notifications (webhooks): the /v3/webhooks subscription API over real HTTP, and the
// notifications the emulator POSTs to a real local receiver, with their auth headers,
// redelivery, duplicates and the delivery log.

const crypto = require('node:crypto');
const http = require('node:http');
const { startEmulator } = require('..');
const { createClient, readResponse, firstError } = require('./helpers');

/** @typedef {import('./helpers').TestResponse} TestResponse */
/** @typedef {import('../notifications').SubscriptionRecord} SubscriptionRecord */
/**
 * @typedef {{ headers: http.IncomingHttpHeaders, raw: Buffer, body: any, path: string }} Received
 * @typedef {{
 *   url: string,
 *   received: Received[],
 *   answers: number[],
 *   close: () => Promise<void>,
 * }} Receiver
 */

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;
/** @type {Receiver[]} */
let receivers = [];

/**
 * A seller's endpoint. It answers the statuses in `answers` in turn (200 once they run out).
 * @param {number[]} [answers]
 * @returns {Promise<Receiver>}
 */
async function startReceiver(answers = []) {
	/** @type {Received[]} */
	const received = [];
	const queue = [...answers];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			received.push({
				headers: req.headers,
				raw,
				body: JSON.parse(raw.toString('utf8')),
				path: req.url ?? '',
			});
			res.writeHead(queue.shift() ?? 200);
			res.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const receiver = {
		url: `http://127.0.0.1:${address.port}/walmart/hook`,
		received,
		answers: queue,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
	receivers.push(/** @type {Receiver} */ (receiver));
	return /** @type {Receiver} */ (receiver);
}

/** A URL where nothing listens. */
async function deadUrl() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	await new Promise((resolve) => server.close(() => resolve(undefined)));
	return `http://127.0.0.1:${port}/gone`;
}

/**
 * @param {string} eventType
 * @param {string} eventUrl
 * @param {Record<string, unknown>} [extra]
 */
function subscription(eventType, eventUrl, extra = {}) {
	const resourceName =
		eventType === 'RETURN_CREATED'
			? 'RETURNS'
			: ({ OFFER_UNPUBLISHED: 'ITEM', BUY_BOX_CHANGED: 'PRICE' }[eventType] ?? 'ORDER');
	return { eventType, eventVersion: 'V1', resourceName, eventUrl, status: 'ACTIVE', ...extra };
}

/**
 * @param {unknown[]} events
 * @returns {Promise<TestResponse>}
 */
function subscribe(...events) {
	return client.post('/v3/webhooks/subscriptions', { events });
}

/**
 * @param {unknown[]} events
 * @returns {Promise<SubscriptionRecord[]>}
 */
async function subscribeOk(...events) {
	const response = await subscribe(...events);
	expect(response.status).toBe(200);
	return /** @type {{ event: SubscriptionRecord[] }} */ (response.body).event;
}

/**
 * @param {'PATCH' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 */
async function send(method, path, body) {
	const response = await fetch(`${emu.baseUrl}${path}`, {
		method,
		headers: await client.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	return readResponse(response);
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
async function control(method, path, body) {
	const response = await fetch(`${emu.baseUrl}${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	return readResponse(response);
}

/**
 * @param {TestResponse} response
 * @param {number} status
 * @param {string} code
 * @param {string} field
 */
function expectError(response, status, code, field) {
	expect(response.status).toBe(status);
	expect(firstError(response)).toMatchObject({ code, field });
	return firstError(response);
}

beforeAll(async () => {
	emu = await startEmulator({ seed: 5, orderCount: 20, redeliveryDelayMs: 20 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	client = createClient(emu);
});

afterEach(async () => {
	await emu.waitForDeliveries();
	await Promise.all(receivers.map((receiver) => receiver.close()));
	receivers = [];
});

describe('subscription API', () => {
	test('event types are listed with resource and version', async () => {
		const response = await client.get('/v3/webhooks/eventTypes');
		expect(response.status).toBe(200);
		const { eventTypes } = /** @type {{ eventTypes: Record<string, string>[] }} */ (response.body);
		expect(eventTypes.map((entry) => [entry.eventType, entry.resourceName])).toEqual([
			['ORDER_UPDATES', 'ORDER'],
			['PO_CREATED', 'ORDER'],
			['PO_LINE_AUTOCANCELLED', 'ORDER'],
			['INTENT_TO_CANCEL', 'ORDER'],
			['RETURN_CREATED', 'RETURNS'],
			['OFFER_UNPUBLISHED', 'ITEM'],
			['BUY_BOX_CHANGED', 'PRICE'],
			['INVENTORY_OOS', 'INVENTORY'],
			['REPORT_STATUS', 'REPORTS'],
		]);
		for (const entry of eventTypes) {
			expect(entry.eventVersion).toBe('V1');
			expect(typeof entry.description).toBe('string');
		}
	});

	test('create, list, filter, patch and delete; unknown IDs are 404', async () => {
		const auth = {
			authMethod: 'BASIC_AUTH',
			userName: 'walmart',
			password: 'pa55',
			authHeaderName: 'Authorization',
		};
		const created = await subscribeOk(
			subscription('ORDER_UPDATES', 'https://seller.example/orders', {
				authDetails: auth,
				headers: { 'X-Tenant': 'acme' },
			}),
			subscription('RETURN_CREATED', 'http://seller.example/returns', { status: 'INACTIVE' }),
		);
		expect(created).toHaveLength(2);
		expect(created[0]).toEqual({
			eventType: 'ORDER_UPDATES',
			subscriptionId: expect.stringMatching(UUID_V4),
			partnerId: '10000000359',
			eventVersion: 'V1',
			resourceName: 'ORDER',
			status: 'ACTIVE',
			eventUrl: 'https://seller.example/orders',
			authDetails: auth,
			headers: { 'X-Tenant': 'acme' },
		});
		expect(created[1]).toMatchObject({ eventType: 'RETURN_CREATED', status: 'INACTIVE' });
		expect(created[1].authDetails).toBeUndefined();

		/** @param {string} query */
		const list = async (query) => {
			const response = await client.get(`/v3/webhooks/subscriptions${query}`);
			expect(response.status).toBe(200);
			return /** @type {{ events: SubscriptionRecord[] }} */ (response.body).events;
		};
		expect(await list('')).toEqual(created);
		expect(await list('?eventType=RETURN_CREATED')).toEqual([created[1]]);
		expect(await list('?status=ACTIVE')).toEqual([created[0]]);
		expect(await list('?resourceName=ORDER&status=ACTIVE')).toEqual([created[0]]);
		expect(await list(`?subscriptionId=${created[1].subscriptionId}`)).toEqual([created[1]]);
		expect(await list('?eventType=INVENTORY_OOS')).toEqual([]);

		const patched = await send('PATCH', `/v3/webhooks/subscriptions/${created[1].subscriptionId}`, {
			status: 'ACTIVE',
			eventUrl: 'https://seller.example/returns2',
			headers: { 'X-Other': '1' },
		});
		expect(patched.status).toBe(200);
		expect(patched.body).toEqual({
			...created[1],
			status: 'ACTIVE',
			eventUrl: 'https://seller.example/returns2',
			headers: { 'X-Other': '1' },
		});
		expect(emu.subscriptions()[1]).toEqual(patched.body);

		const unknown = '00000000-0000-4000-8000-000000000000';
		expectError(
			await send('PATCH', `/v3/webhooks/subscriptions/${unknown}`, { status: 'ACTIVE' }),
			404,
			'CONTENT_NOT_FOUND.GMP_NOTIFICATIONS_API',
			'data',
		);
		const deleted = await send('DELETE', `/v3/webhooks/subscriptions/${created[0].subscriptionId}`);
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({
			subscriptionId: created[0].subscriptionId,
			message: 'Subscription deleted successfully',
		});
		expect((await list('')).map((record) => record.subscriptionId)).toEqual([
			created[1].subscriptionId,
		]);
		expectError(
			await send('DELETE', `/v3/webhooks/subscriptions/${created[0].subscriptionId}`),
			404,
			'CONTENT_NOT_FOUND.GMP_NOTIFICATIONS_API',
			'data',
		);
		const wrongMethod = await client.get(`/v3/webhooks/subscriptions/${created[1].subscriptionId}`);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('PATCH, DELETE');
	});

	const URL_OK = 'https://seller.example/hook';
	/** @type {[string, unknown, string, RegExp?][]} */
	const refusals = [
		['no events', {}, 'events'],
		['empty events', { events: [] }, 'events'],
		['entry not an object', { events: ['x'] }, 'events[0]'],
		[
			'missing eventType',
			{ events: [{ ...subscription('X', URL_OK), eventType: undefined }] },
			'events[0].eventType',
		],
		[
			'unknown eventType',
			{ events: [subscription('ORDER_CREATED', URL_OK)] },
			'events[0].eventType',
			/Unknown eventType/,
		],
		[
			'eventType not a string',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { eventType: 5 })] },
			'events[0].eventType',
		],
		[
			'wrong eventVersion',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { eventVersion: 'V2' })] },
			'events[0].eventVersion',
		],
		[
			'missing eventVersion',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { eventVersion: undefined })] },
			'events[0].eventVersion',
		],
		[
			'wrong resourceName',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { resourceName: 'RETURNS' })] },
			'events[0].resourceName',
			/belongs to resourceName ORDER/,
		],
		[
			'missing resourceName',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { resourceName: undefined })] },
			'events[0].resourceName',
		],
		[
			'relative eventUrl',
			{ events: [subscription('ORDER_UPDATES', '/hook')] },
			'events[0].eventUrl',
		],
		[
			'ftp eventUrl',
			{ events: [subscription('ORDER_UPDATES', 'ftp://seller.example/x')] },
			'events[0].eventUrl',
		],
		[
			'missing eventUrl',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { eventUrl: undefined })] },
			'events[0].eventUrl',
		],
		[
			'bad status',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { status: 'ON' })] },
			'events[0].status',
		],
		[
			'missing status',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { status: undefined })] },
			'events[0].status',
		],
		[
			'authDetails not an object',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { authDetails: 'x' })] },
			'events[0].authDetails',
		],
		[
			'unknown authMethod',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { authDetails: { authMethod: 'JWT' } })] },
			'events[0].authDetails.authMethod',
		],
		[
			'OAUTH',
			{
				events: [
					subscription('ORDER_UPDATES', URL_OK, {
						authDetails: { authMethod: 'OAUTH', clientId: 'a', clientSecret: 'b', authUrl: URL_OK },
					}),
				],
			},
			'events[0].authDetails.authMethod',
			/OAUTH destinations are not emulated/,
		],
		[
			'BASIC_AUTH without userName',
			{
				events: [
					subscription('ORDER_UPDATES', URL_OK, {
						authDetails: {
							authMethod: 'BASIC_AUTH',
							password: 'p',
							authHeaderName: 'Authorization',
						},
					}),
				],
			},
			'events[0].authDetails.userName',
		],
		[
			'BASIC_AUTH with empty password',
			{
				events: [
					subscription('ORDER_UPDATES', URL_OK, {
						authDetails: {
							authMethod: 'BASIC_AUTH',
							userName: 'u',
							password: '',
							authHeaderName: 'Authorization',
						},
					}),
				],
			},
			'events[0].authDetails.password',
		],
		[
			'BASIC_AUTH without authHeaderName',
			{
				events: [
					subscription('ORDER_UPDATES', URL_OK, {
						authDetails: { authMethod: 'BASIC_AUTH', userName: 'u', password: 'p' },
					}),
				],
			},
			'events[0].authDetails.authHeaderName',
		],
		[
			'HMAC without clientSecret',
			{
				events: [
					subscription('ORDER_UPDATES', URL_OK, {
						authDetails: { authMethod: 'HMAC', authHeaderName: 'X-Sig' },
					}),
				],
			},
			'events[0].authDetails.clientSecret',
		],
		[
			'HMAC without authHeaderName',
			{
				events: [
					subscription('ORDER_UPDATES', URL_OK, {
						authDetails: { authMethod: 'HMAC', clientSecret: 's' },
					}),
				],
			},
			'events[0].authDetails.authHeaderName',
		],
		[
			'headers not an object',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { headers: ['a'] })] },
			'events[0].headers',
		],
		[
			'header value not a string',
			{ events: [subscription('ORDER_UPDATES', URL_OK, { headers: { 'X-Count': 3 } })] },
			'events[0].headers.X-Count',
		],
		[
			'second entry invalid',
			{ events: [subscription('ORDER_UPDATES', URL_OK), subscription('RETURN_CREATED', 'nope')] },
			'events[1].eventUrl',
		],
	];

	test.each(refusals)('refuses %s naming the field, creating nothing', async (...row) => {
		// Rows have 3 or 4 entries; a fixed parameter list would make jest pass `done`.
		const [, body, field, text] = row;
		const response = await client.post('/v3/webhooks/subscriptions', body);
		const error = expectError(
			response,
			400,
			'INVALID_REQUEST_CONTENT.GMP_NOTIFICATIONS_API',
			field,
		);
		if (text) expect(error.description).toMatch(text);
		expect(emu.subscriptions()).toEqual([]);
	});

	test('one subscription per eventType: a second is refused naming the existing one', async () => {
		const [existing] = await subscribeOk(
			subscription('ORDER_UPDATES', 'https://a.example/x', { status: 'INACTIVE' }),
		);
		const again = await subscribe(
			subscription('RETURN_CREATED', 'https://b.example/r'),
			subscription('ORDER_UPDATES', 'https://b.example/y'),
		);
		const error = expectError(
			again,
			400,
			'INVALID_REQUEST_CONTENT.GMP_NOTIFICATIONS_API',
			'events[1].eventType',
		);
		expect(error.description).toBe(
			`A subscription for eventType ORDER_UPDATES already exists (subscriptionId ${existing.subscriptionId}). Update or delete it first.`,
		);
		const twice = await subscribe(
			subscription('RETURN_CREATED', 'https://b.example/r'),
			subscription('RETURN_CREATED', 'https://c.example/r'),
		);
		expectError(twice, 400, 'INVALID_REQUEST_CONTENT.GMP_NOTIFICATIONS_API', 'events[1].eventType');
		expect(emu.subscriptions()).toEqual([existing]);
	});

	test('patch validates like create and cannot change the event', async () => {
		const [record] = await subscribeOk(subscription('ORDER_UPDATES', 'https://a.example/x'));
		const path = `/v3/webhooks/subscriptions/${record.subscriptionId}`;
		const code = 'INVALID_REQUEST_CONTENT.GMP_NOTIFICATIONS_API';
		expectError(await send('PATCH', path, { status: 'PAUSED' }), 400, code, 'status');
		expectError(await send('PATCH', path, { eventUrl: 'mailto:x@y' }), 400, code, 'eventUrl');
		expectError(
			await send('PATCH', path, { authDetails: { authMethod: 'HMAC', authHeaderName: 'X' } }),
			400,
			code,
			'authDetails.clientSecret',
		);
		expectError(await send('PATCH', path, {}), 400, code, 'body');
		expectError(
			await send('PATCH', path, { eventType: 'PO_CREATED', status: 'INACTIVE' }),
			400,
			code,
			'eventType',
		);
		expect(emu.subscriptions()).toEqual([record]);
	});

	test('notifications are US only', async () => {
		for (const market of ['ca', 'mx']) {
			const headers = { WM_MARKET: market, WM_GLOBAL_VERSION: '3.1' };
			const response = await client.get('/v3/webhooks/eventTypes', headers);
			const error = expectError(
				response,
				400,
				'INVALID_REQUEST.GMP_NOTIFICATIONS_API',
				'WM_MARKET',
			);
			expect(error.description).toMatch(/US marketplace only/);
			const create = await client.post(
				'/v3/webhooks/subscriptions',
				{ events: [subscription('ORDER_UPDATES', 'https://a.example/x')] },
				headers,
			);
			expectError(create, 400, 'INVALID_REQUEST.GMP_NOTIFICATIONS_API', 'WM_MARKET');
		}
		const us = await client.get('/v3/webhooks/eventTypes', {
			WM_MARKET: 'us',
			WM_GLOBAL_VERSION: '3.1',
		});
		expect(us.status).toBe(200);
		expect(emu.subscriptions()).toEqual([]);
	});

	test('the webhook routes need a token and have their own throttle buckets', async () => {
		const response = await fetch(`${emu.baseUrl}/v3/webhooks/eventTypes`, {
			headers: { 'WM_SVC.NAME': 'x', 'WM_QOS.CORRELATION_ID': 'y' },
		});
		expect(response.status).toBe(401);
		emu.setThrottle({ endpoints: { getEventTypes: { capacity: 1, refillPerSecond: 0.001 } } });
		expect((await client.get('/v3/webhooks/eventTypes')).status).toBe(200);
		expect((await client.get('/v3/webhooks/eventTypes')).status).toBe(429);
		expect((await client.get('/v3/webhooks/subscriptions')).status).toBe(200);
	});

	test('the request log masks authDetails secrets while the API echoes them', async () => {
		const basic = {
			authMethod: 'BASIC_AUTH',
			userName: 'u',
			password: 'hunter2',
			authHeaderName: 'Authorization',
		};
		const hmac = { authMethod: 'HMAC', clientSecret: 'shh-secret', authHeaderName: 'X-Sig' };
		const [record] = await subscribeOk(
			subscription('ORDER_UPDATES', 'https://a.example/x', { authDetails: basic }),
			subscription('RETURN_CREATED', 'https://a.example/r', { authDetails: hmac }),
		);
		expect(record.authDetails).toEqual(basic);
		const patched = await send('PATCH', `/v3/webhooks/subscriptions/${record.subscriptionId}`, {
			authDetails: { ...hmac, clientSecret: 'patched-secret' },
		});
		expect(/** @type {SubscriptionRecord} */ (patched.body).authDetails?.clientSecret).toBe(
			'patched-secret',
		);
		const logged = JSON.stringify(emu.requests.map((entry) => entry.body));
		expect(logged).not.toMatch(/hunter2|shh-secret|patched-secret/);
		const createBody = /** @type {{ events: { authDetails: Record<string, string> }[] }} */ (
			emu.requests.find((entry) => entry.path === '/v3/webhooks/subscriptions')?.body
		);
		expect(createBody.events[0].authDetails).toEqual({ ...basic, password: '[REDACTED]' });
		expect(createBody.events[1].authDetails).toEqual({ ...hmac, clientSecret: '[REDACTED]' });
		const viaControl = await control('GET', '/_emulator/requests');
		expect(viaControl.text).not.toMatch(/hunter2|shh-secret|patched-secret/);
	});

	test('reset clears subscriptions and the delivery log', async () => {
		const receiver = await startReceiver();
		await subscribeOk(subscription('ORDER_UPDATES', receiver.url));
		await emu.emitNotification({ eventType: 'ORDER_UPDATES' });
		expect(emu.deliveries()).toHaveLength(1);
		emu.reset();
		client = createClient(emu);
		expect(emu.subscriptions()).toEqual([]);
		expect(emu.deliveries()).toEqual([]);
		expect(
			/** @type {{ events: unknown[] }} */ ((await client.get('/v3/webhooks/subscriptions')).body)
				.events,
		).toEqual([]);
		emu.createOrder();
		await emu.waitForDeliveries();
		expect(receiver.received).toHaveLength(1);
	});
});

describe('delivery', () => {
	test('BASIC_AUTH header, custom headers and the envelope', async () => {
		const receiver = await startReceiver();
		await subscribeOk(
			subscription('ORDER_UPDATES', receiver.url, {
				authDetails: {
					authMethod: 'BASIC_AUTH',
					userName: 'walmart-user',
					password: 'p@ss:word',
					authHeaderName: 'X-Walmart-Auth',
				},
				headers: { 'X-Tenant': 'acme', 'X-Env': 'test' },
			}),
		);
		const order = emu.orders()[0];
		const result = await emu.emitNotification({
			eventType: 'ORDER_UPDATES',
			subEventType: 'INTENT_TO_CANCEL',
			purchaseOrderId: order.purchaseOrderId,
		});
		expect(receiver.received).toHaveLength(1);
		const [hit] = receiver.received;
		expect(hit.path).toBe('/walmart/hook');
		expect(hit.headers['x-walmart-auth']).toBe(
			'Basic ' + Buffer.from('walmart-user:p@ss:word').toString('base64'),
		);
		expect(hit.headers['x-tenant']).toBe('acme');
		expect(hit.headers['x-env']).toBe('test');
		expect(hit.headers['content-type']).toBe('application/json');
		expect(hit.body.source).toEqual({
			eventType: 'ORDER_UPDATES',
			eventFilters: null,
			eventTime: expect.stringMatching(ISO_MILLIS),
			eventId: result.eventId,
		});
		expect(result.eventId).toMatch(UUID_V4);
		expect(hit.body.payload.subEventType).toBe('INTENT_TO_CANCEL');
		const sent = hit.body.payload.order;
		expect(sent).toMatchObject({
			partnerId: '10000000359',
			purchaseOrderId: order.purchaseOrderId,
			customerOrderId: order.customerOrderId,
			orderDate: new Date(order.orderDate).toISOString(),
			estimatedShipDate: new Date(order.shippingInfo.estimatedShipDate).toISOString(),
			estimatedDeliveryDate: new Date(order.shippingInfo.estimatedDeliveryDate).toISOString(),
		});
		expect(sent.orderLines).toHaveLength(order.orderLines.orderLine.length);
		expect(sent.orderLines[0]).toEqual({
			lineNumber: order.orderLines.orderLine[0].lineNumber,
			sku: order.orderLines.orderLine[0].item.sku,
			productName: order.orderLines.orderLine[0].item.productName,
			quantity: {
				unitOfMeasure: 'EACH',
				measurementValue: order.orderLines.orderLine[0].orderLineQuantity.amount,
			},
			status: expect.stringMatching(/^[A-Z]+$/),
			statusDate: expect.stringMatching(ISO_MILLIS),
			shippingProgramType: expect.any(String),
			shippingMethod: expect.any(String),
			shipNodeType: order.shipNode.type,
		});
		expect(result.deliveries).toEqual([
			expect.objectContaining({ delivered: true, attempts: 1, status: 200 }),
		]);
	});

	test.each(/** @type {const} */ (['base64', 'hex']))(
		'HMAC-SHA256 of the exact bytes sent, %s encoded',
		async (encoding) => {
			const receiver = await startReceiver();
			await subscribeOk(
				subscription('ORDER_UPDATES', receiver.url, {
					authDetails: {
						authMethod: 'HMAC',
						clientSecret: 'hmac-key-1',
						authHeaderName: 'WM-Signature',
					},
				}),
			);
			if (encoding === 'hex') {
				const reply = await control('POST', '/_emulator/notifications/hmac-encoding', {
					encoding: 'hex',
				});
				expect(reply.body).toEqual({ hmacEncoding: 'hex' });
			}
			await emu.emitNotification({ eventType: 'ORDER_UPDATES' });
			const [hit] = receiver.received;
			const expected = crypto.createHmac('sha256', 'hmac-key-1').update(hit.raw).digest(encoding);
			expect(hit.headers['wm-signature']).toBe(expected);
			expect(hit.headers['content-length']).toBe(String(hit.raw.length));
		},
	);

	test('no authDetails: no auth header; INACTIVE subscriptions get nothing', async () => {
		const active = await startReceiver();
		const inactive = await startReceiver();
		const [, paused] = await subscribeOk(
			subscription('ORDER_UPDATES', active.url),
			subscription('PO_CREATED', inactive.url, { status: 'INACTIVE' }),
		);
		emu.createOrder();
		await emu.waitForDeliveries();
		expect(active.received).toHaveLength(1);
		expect(active.received[0].headers.authorization).toBeUndefined();
		expect(inactive.received).toHaveLength(0);
		await send('PATCH', `/v3/webhooks/subscriptions/${paused.subscriptionId}`, {
			status: 'ACTIVE',
		});
		emu.createOrder();
		await emu.waitForDeliveries();
		expect(inactive.received).toHaveLength(1);
	});

	test('createOrder sends ORDER_UPDATES PO_CREATED and legacy PO_CREATED once per subscriber', async () => {
		const updates = await startReceiver();
		const legacy = await startReceiver();
		const [updatesSub, legacySub] = await subscribeOk(
			subscription('ORDER_UPDATES', updates.url),
			subscription('PO_CREATED', legacy.url),
		);
		const order = emu.createOrder({ lines: [{ sku: 'SKU-A', quantity: 2 }] });
		await emu.waitForDeliveries();
		expect(updates.received).toHaveLength(1);
		expect(legacy.received).toHaveLength(1);
		const update = updates.received[0].body;
		expect(update.source.eventType).toBe('ORDER_UPDATES');
		expect(update.payload.subEventType).toBe('PO_CREATED');
		expect(update.payload.order.purchaseOrderId).toBe(order.purchaseOrderId);
		expect(update.payload.order.orderLines[0]).toMatchObject({
			sku: 'SKU-A',
			quantity: { unitOfMeasure: 'EACH', measurementValue: '2' },
			status: 'CREATED',
		});
		const old = legacy.received[0].body;
		expect(old.source.eventType).toBe('PO_CREATED');
		expect(old.payload.subEventType).toBeUndefined();
		expect(old.payload).toEqual(update.payload.order);
		expect(old.source.eventId).not.toBe(update.source.eventId);
		expect(
			emu.deliveries().map((entry) => [entry.eventType, entry.subscriptionId, entry.test]),
		).toEqual(
			expect.arrayContaining([
				['ORDER_UPDATES', updatesSub.subscriptionId, false],
				['PO_CREATED', legacySub.subscriptionId, false],
			]),
		);
	});

	test('createOrder with no subscriber sends nothing and still answers at once', async () => {
		const order = emu.createOrder();
		expect(order.purchaseOrderId).toMatch(/^8\d{12}$/);
		await emu.waitForDeliveries();
		expect(emu.deliveries()).toEqual([]);
	});

	test('openReturn sends RETURN_CREATED', async () => {
		const receiver = await startReceiver();
		await subscribeOk(subscription('RETURN_CREATED', receiver.url));
		const order = emu.createOrder({ lines: [{ quantity: 2, productName: 'Blue Kettle' }] });
		emu.moveLine(order.purchaseOrderId, '1', { status: 'Shipped' });
		const opened = emu.openReturn({ purchaseOrderId: order.purchaseOrderId });
		await emu.waitForDeliveries();
		expect(receiver.received).toHaveLength(1);
		const { source, payload } = receiver.received[0].body;
		expect(source.eventType).toBe('RETURN_CREATED');
		expect(payload).toEqual({
			partnerId: '10000000359',
			partnerName: 'Emulator Seller LLC',
			returnOrders: [
				{
					purchaseOrderId: order.purchaseOrderId,
					productName: 'Blue Kettle',
					returnOrderId: opened.returnOrderId,
					returnInitiatedDate: opened.returnOrderDate,
					returnReason: 'NO_LONGER_WANTED',
					quantity: '2',
					trackingUrl: [],
					trackingId: [],
					refundStatus: 'Non Refunded',
				},
			],
		});
	});

	test('a receiver answering 500 twice gets three attempts with the same eventId and bytes', async () => {
		const receiver = await startReceiver([500, 500, 200]);
		const [record] = await subscribeOk(subscription('ORDER_UPDATES', receiver.url));
		const result = await emu.emitNotification({ eventType: 'ORDER_UPDATES' });
		expect(receiver.received).toHaveLength(3);
		const [first, second, third] = receiver.received;
		expect(second.raw.equals(first.raw)).toBe(true);
		expect(third.raw.equals(first.raw)).toBe(true);
		expect(first.body.source.eventId).toBe(result.eventId);
		expect(result.deliveries).toEqual([
			{
				subscriptionId: record.subscriptionId,
				url: receiver.url,
				delivered: true,
				attempts: 3,
				status: 200,
			},
		]);
		const log = emu.deliveries();
		expect(log.map((entry) => [entry.attempt, entry.status, entry.eventId])).toEqual([
			[1, 500, result.eventId],
			[2, 500, result.eventId],
			[3, 200, result.eventId],
		]);
		expect(log[0]).toEqual({
			seq: expect.any(Number),
			eventId: result.eventId,
			eventType: 'ORDER_UPDATES',
			subEventType: 'PO_CREATED',
			subscriptionId: record.subscriptionId,
			url: receiver.url,
			attempt: 1,
			test: false,
			status: 500,
			at: expect.stringMatching(ISO_MILLIS),
		});
		expect(Date.parse(log[1].at) - Date.parse(log[0].at)).toBeGreaterThanOrEqual(15);
	});

	test('a receiver that always fails gets exactly three attempts', async () => {
		const receiver = await startReceiver([503, 503, 503, 503, 503, 503]);
		await subscribeOk(subscription('ORDER_UPDATES', receiver.url));
		const result = await emu.emitNotification({ eventType: 'ORDER_UPDATES' });
		expect(result.deliveries).toEqual([
			expect.objectContaining({ delivered: false, attempts: 3, status: 503 }),
		]);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.received).toHaveLength(3);
		expect(emu.deliveries().map((entry) => entry.attempt)).toEqual([1, 2, 3]);
	});

	test('an unreachable URL is retried and logged with the connection error', async () => {
		const url = await deadUrl();
		await subscribeOk(subscription('ORDER_UPDATES', url));
		const result = await emu.emitNotification({ eventType: 'ORDER_UPDATES' });
		expect(result.deliveries[0]).toMatchObject({ delivered: false, attempts: 3, status: null });
		expect(result.deliveries[0].error).toMatch(/ECONNREFUSED/);
		expect(emu.deliveries().every((entry) => entry.status === null && entry.error)).toBe(true);
	});

	test('a reset stops pending redeliveries and keeps them out of the fresh log', async () => {
		const receiver = await startReceiver([500, 500, 500]);
		await subscribeOk(subscription('ORDER_UPDATES', receiver.url));
		emu.setRedeliveryDelay(300);
		const pending = emu.emitNotification({ eventType: 'ORDER_UPDATES' });
		while (emu.deliveries().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		emu.reset();
		const result = await pending;
		expect(result.deliveries[0]).toMatchObject({ delivered: false, attempts: 1 });
		expect(result.deliveries[0].error).toMatch(/cancelled/);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(receiver.received).toHaveLength(1);
		expect(emu.deliveries()).toEqual([]);
	});

	test('duplicate: true delivers the identical notification twice', async () => {
		const receiver = await startReceiver();
		await subscribeOk(subscription('ORDER_UPDATES', receiver.url));
		const result = await emu.emitNotification({
			eventType: 'ORDER_UPDATES',
			eventId: 'pinned-event-1',
			duplicate: true,
		});
		expect(result.eventId).toBe('pinned-event-1');
		expect(result.deliveries).toHaveLength(2);
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[1].raw.equals(receiver.received[0].raw)).toBe(true);
		expect(receiver.received[0].body.source.eventId).toBe('pinned-event-1');
	});

	test('emitNotification refuses unknown IDs with a 404-style error', async () => {
		await expect(
			emu.emitNotification({ eventType: 'ORDER_UPDATES', purchaseOrderId: 'nope' }),
		).rejects.toMatchObject({ status: 404 });
		await expect(
			emu.emitNotification({ eventType: 'RETURN_CREATED', returnOrderId: 'nope' }),
		).rejects.toMatchObject({ status: 404 });
		await expect(emu.emitNotification({ eventType: 'NOPE' })).rejects.toThrow(/eventType/);
		await expect(
			emu.emitNotification({ eventType: 'PO_CREATED', subEventType: 'PO_CREATED' }),
		).rejects.toThrow(/ORDER_UPDATES only/);
	});

	test('control routes: emit, deliveries, subscriptions, settle, redelivery delay', async () => {
		const receiver = await startReceiver([500]);
		const [record] = await subscribeOk(subscription('RETURN_CREATED', receiver.url));
		const returnOrderId = emu.returns()[0].returnOrderId;
		expect(
			(await control('POST', '/_emulator/notifications/redelivery-delay', { ms: 5 })).body,
		).toEqual({ redeliveryDelayMs: 5 });
		const emitted = await control('POST', '/_emulator/notifications/emit', {
			eventType: 'RETURN_CREATED',
			returnOrderId,
			eventId: 'evt-control',
		});
		expect(emitted.status).toBe(200);
		expect(emitted.body).toMatchObject({
			eventId: 'evt-control',
			deliveries: [{ subscriptionId: record.subscriptionId, delivered: true, attempts: 2 }],
		});
		expect(receiver.received[0].body.payload.returnOrders[0].returnOrderId).toBe(returnOrderId);
		const deliveries = await control('GET', '/_emulator/notifications/deliveries');
		expect(/** @type {unknown[]} */ (deliveries.body)).toHaveLength(2);
		expect((await control('GET', '/_emulator/notifications/subscriptions')).body).toEqual([record]);
		expect((await control('DELETE', '/_emulator/notifications/deliveries')).status).toBe(200);
		expect(emu.deliveries()).toEqual([]);
		const missing = await control('POST', '/_emulator/notifications/emit', {
			eventType: 'ORDER_UPDATES',
			purchaseOrderId: '404',
		});
		expect(missing.status).toBe(404);
		const bad = await control('POST', '/_emulator/notifications/emit', { eventType: 'X' });
		expect(bad.status).toBe(400);
		// Deliveries from /_emulator/orders run in the background; settle waits for them.
		const slow = await startReceiver([500, 500]);
		await subscribeOk(subscription('PO_CREATED', slow.url));
		await control('POST', '/_emulator/notifications/redelivery-delay', { ms: 50 });
		expect((await control('POST', '/_emulator/orders', {})).status).toBe(200);
		expect(slow.received.length).toBeLessThan(3);
		expect((await control('POST', '/_emulator/notifications/settle')).body).toEqual({
			settled: true,
		});
		expect(slow.received).toHaveLength(3);
		expect(
			(await control('POST', '/_emulator/notifications/hmac-encoding', { encoding: 'b64' })).status,
		).toBe(400);
	});
});

describe('test notification', () => {
	test('200 when the eventUrl answers 2xx, with one logged test delivery', async () => {
		const receiver = await startReceiver();
		const response = await client.post('/v3/webhooks/test', {
			eventType: 'ORDER_UPDATES',
			eventVersion: 'V1',
			resourceName: 'ORDER',
			eventUrl: receiver.url,
			authDetails: { authMethod: 'HMAC', clientSecret: 'k', authHeaderName: 'X-Sig' },
			headers: { 'X-Tenant': 'acme' },
		});
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ message: 'Eventurl successfully validated' });
		expect(receiver.received).toHaveLength(1);
		const [hit] = receiver.received;
		expect(hit.headers['x-sig']).toBe(
			crypto.createHmac('sha256', 'k').update(hit.raw).digest('base64'),
		);
		expect(hit.headers['x-tenant']).toBe('acme');
		expect(hit.body.payload.order.purchaseOrderId).toBe(emu.orders()[0].purchaseOrderId);
		expect(emu.deliveries()).toEqual([
			expect.objectContaining({
				test: true,
				attempt: 1,
				status: 200,
				eventId: hit.body.source.eventId,
			}),
		]);
		expect(emu.deliveries()[0].subscriptionId).toBeUndefined();
		expect(emu.subscriptions()).toEqual([]);
	});

	test('400 naming the status when the eventUrl fails, without redelivery', async () => {
		const receiver = await startReceiver([500, 500, 500]);
		const body = {
			eventType: 'RETURN_CREATED',
			eventVersion: 'V1',
			resourceName: 'RETURNS',
			eventUrl: receiver.url,
		};
		const response = await client.post('/v3/webhooks/test', body);
		const error = expectError(
			response,
			400,
			'INVALID_REQUEST_CONTENT.GMP_NOTIFICATIONS_API',
			'eventUrl',
		);
		expect(error.description).toBe('The eventUrl answered HTTP 500');
		await emu.waitForDeliveries();
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].body.payload.returnOrders).toHaveLength(
			emu.returns()[0].returnOrderLines.length,
		);
		const unreachable = await client.post('/v3/webhooks/test', {
			...body,
			eventUrl: await deadUrl(),
		});
		expect(firstError(unreachable).description).toMatch(
			/^The eventUrl could not be reached: .*ECONNREFUSED/,
		);
		const invalid = await client.post('/v3/webhooks/test', { ...body, resourceName: 'ORDER' });
		expectError(invalid, 400, 'INVALID_REQUEST_CONTENT.GMP_NOTIFICATIONS_API', 'resourceName');
	});

	test('with an empty store it sends a fixed sample', async () => {
		emu.reset({ orderCount: 0, returnCount: 0 });
		const receiver = await startReceiver();
		const response = await client.post('/v3/webhooks/test', {
			eventType: 'PO_CREATED',
			eventVersion: 'V1',
			resourceName: 'ORDER',
			eventUrl: receiver.url,
		});
		expect(response.status).toBe(200);
		expect(receiver.received[0].body.payload.orderLines).toHaveLength(1);
		emu.reset({ orderCount: 20, returnCount: 4 });
	});
});
