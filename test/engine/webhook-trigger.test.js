// @ts-check
/**
 * The Walmart Marketplace Webhook Trigger on n8n-core's hook and webhook contexts, against the
 * emulator behind a stricter Walmart double (test/helpers/walmart-proxy.js) that can mask
 * secrets, change envelopes and fail after applying. What needs a whole n8n (executions started
 * per call) is in test/e2e.
 */
const crypto = require('node:crypto');
const { startEmulator } = require('../../emulator');
const { createWebhookEngine } = require('../helpers/webhook-engine');
const { startWalmartProxy, NOT_FOUND } = require('../helpers/walmart-proxy');

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
/** @type {Awaited<ReturnType<typeof startWalmartProxy>>} */
let proxy;

beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 3, orderCount: 3 });
	proxy = await startWalmartProxy(emu.baseUrl);
});

afterAll(async () => {
	await proxy.close();
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	proxy.clearRules();
	proxy.requests.splice(0);
});

const walmart = () => ({
	baseUrl: proxy.baseUrl,
	clientId: emu.clientId,
	clientSecret: emu.clientSecret,
});

const PARAMETERS = {
	events: ['ORDER_UPDATES', 'RETURN_CREATED'],
	authentication: 'HMAC',
	options: {},
};

/** The notification calls the node made, as `METHOD /path` with IDs as `{id}`. */
const notificationCalls = () =>
	proxy.requests
		.filter((request) => request.path.startsWith('/v3/webhooks'))
		.map(
			(request) =>
				`${request.method} ${request.path.split('?')[0].replace(/[0-9a-f-]{36}$/, '{id}')}`,
		);

describe('parameters as an expression or an AI agent could give them', () => {
	test.each([
		[
			'a comma list in one text',
			{ events: 'ORDER_UPDATES,RETURN_CREATED' },
			'"Events" is "ORDER_UPDATES,RETURN_CREATED", one text with commas rather than a list',
		],
		['an empty list', { events: [] }, '"Events" is empty'],
		['an unknown event', { events: ['OFFER_UNPUBLISHED'] }, '"Events" is "OFFER_UNPUBLISHED"'],
		[
			'an event listed twice',
			{ events: ['ORDER_UPDATES', 'ORDER_UPDATES'] },
			'"Events" is ["ORDER_UPDATES","ORDER_UPDATES"], which lists "ORDER_UPDATES" twice',
		],
		[
			'mixed case',
			{ events: ['Order_Updates'] },
			'"Events" is "Order_Updates", which is not one of its choices — It is spelled exactly "ORDER_UPDATES"',
		],
		[
			'an expression (Events takes none)',
			{ events: '={{ ["ORDER_UPDATES"] }}' },
			'which this field does not evaluate',
		],
		[
			'an order update type listed twice',
			{ events: ['ORDER_UPDATES'], orderUpdateTypes: ['PO_CREATED', 'PO_CREATED'] },
			'lists "PO_CREATED" twice',
		],
		[
			'authentication in lower case',
			{ authentication: 'hmac' },
			'"Authentication" is "hmac", which is not one of its choices — It is spelled exactly "HMAC"',
		],
		[
			'"yes" for a yes/no option',
			{ options: { replaceExisting: 'yes' } },
			'"Replace Existing Subscriptions" is "yes", which is neither true nor false',
		],
		[
			'1 for a yes/no option',
			{ options: { sendTestNotification: 1 } },
			'"Send Test Notification When Listening" is 1, which is neither true nor false',
		],
	])('%s is refused before any request, naming the field and value', async (_name, over, says) => {
		const engine = await createWebhookEngine(walmart(), { ...PARAMETERS, ...over });
		const error = await engine.hook('create').catch((/** @type {any} */ thrown) => thrown);
		expect(error).toBeInstanceOf(Error);
		expect(`${error.message} — ${error.description}`).toContain(says);
		expect(error.description).toBeTruthy();
		expect(notificationCalls()).toEqual([]);
	});

	test('one event as a text is that event, exactly', async () => {
		const engine = await createWebhookEngine(walmart(), {
			...PARAMETERS,
			events: 'RETURN_CREATED',
		});
		await engine.hook('create');
		expect(emu.subscriptions().map((subscription) => subscription.eventType)).toEqual([
			'RETURN_CREATED',
		]);
	});
});

describe('on n8n start: do the subscriptions still exist?', () => {
	/**
	 * Has Walmart show every subscription's secret through `mask` in its list.
	 * @param {(secret: string) => string} mask
	 * @param {Record<string, unknown>} [authDetails] fields to change besides the secret
	 */
	function showSecretsAs(mask, authDetails = {}) {
		proxy.rule({
			method: 'GET',
			path: /^\/v3\/webhooks\/subscriptions$/,
			rewrite: (answer) => {
				const body = /** @type {{ events: Array<Record<string, any>> }} */ (answer.body);
				return {
					status: answer.status,
					body: {
						events: body.events.map((subscription) => ({
							...subscription,
							authDetails: {
								...subscription.authDetails,
								clientSecret: mask(subscription.authDetails.clientSecret),
								...authDetails,
							},
						})),
					},
				};
			},
		});
	}

	test.each([
		['fully masked ("****")', () => '****'],
		['masked but for its last 4 characters', (/** @type {string} */ s) => `****${s.slice(-4)}`],
		['masked but for its first 4', (/** @type {string} */ s) => `${s.slice(0, 4)}********`],
		['echoed whole', (/** @type {string} */ s) => s],
	])('a secret Walmart shows %s counts as ours: nothing is recreated', async (_name, mask) => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		await engine.hook('create');
		showSecretsAs(mask);
		proxy.requests.splice(0);
		expect(await engine.hook('checkExists')).toBe(true);
		expect(notificationCalls()).toEqual(['GET /v3/webhooks/subscriptions']);
	});

	test.each([
		['another secret', () => 'not-the-generated-secret'],
		['a mask whose visible end is not ours', () => '****zzzz'],
		['a mask whose visible start is not ours', () => '!!!!****'],
	])('a subscription showing %s is recreated', async (_name, mask) => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		await engine.hook('create');
		showSecretsAs(mask);
		expect(await engine.hook('checkExists')).toBe(false);
	});

	test('a subscription now using another authentication method is recreated', async () => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		await engine.hook('create');
		showSecretsAs((secret) => secret, { authMethod: 'BASIC_AUTH' });
		expect(await engine.hook('checkExists')).toBe(false);
	});
});

describe('creating the subscriptions when Walmart’s answer is lost or odd', () => {
	const POSTS = /^\/v3\/webhooks\/subscriptions$/;
	const posts = () =>
		notificationCalls().filter((call) => call === 'POST /v3/webhooks/subscriptions');

	/** The stored subscription IDs are exactly Walmart's, one per chosen event. */
	function expectAdopted(/** @type {any} */ engine) {
		const live = emu.subscriptions();
		expect(live.map((subscription) => subscription.eventType).sort()).toEqual([
			'ORDER_UPDATES',
			'RETURN_CREATED',
		]);
		const stored = engine.nodeState().subscription;
		expect(
			stored.subscriptions.map((/** @type {any} */ entry) => entry.subscriptionId).sort(),
		).toEqual(live.map((subscription) => subscription.subscriptionId).sort());
		for (const subscription of live) {
			expect(subscription.authDetails?.clientSecret).toBe(stored.secret);
		}
	}

	test.each([
		[
			'HTTP 500 after applying',
			() => ({ status: 500, body: { errors: [{ code: 'SYSTEM_ERROR' }] } }),
		],
		['HTTP 200 with a body that is not its envelope', () => ({ status: 200, body: { ok: 1 } })],
		['HTTP 200 with an empty body', () => ({ status: 200, body: '' })],
	])('%s: the list is read back and adopted, nothing is sent twice', async (_name, answer) => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		proxy.rule({ method: 'POST', path: POSTS, times: 1, rewrite: answer });
		expect(await engine.hook('create')).toBe(true);
		expect(posts()).toHaveLength(1);
		expectAdopted(engine);
	});

	test.each([
		['`events` instead of `event`', (/** @type {any} */ body) => ({ events: body.event })],
		['`events[].event[]`', (/** @type {any} */ body) => ({ events: [{ event: body.event }] })],
	])('an answer under %s is read as it is', async (_name, reshape) => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		proxy.rule({
			method: 'POST',
			path: POSTS,
			times: 1,
			rewrite: (answer) => ({ status: 200, body: reshape(answer.body) }),
		});
		await engine.hook('create');
		expect(posts()).toHaveLength(1);
		expectAdopted(engine);
	});

	test('the connection dropped after Walmart applied it: read back and adopted, one POST', async () => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		emu.injectFault({
			type: 'drop',
			when: 'after',
			method: 'POST',
			pathPrefix: '/v3/webhooks/subscriptions',
		});
		expect(await engine.hook('create')).toBe(true);
		expect(posts()).toHaveLength(1);
		expectAdopted(engine);
	});

	test('HTTP 500 without applying: one POST, an error saying nothing is subscribed', async () => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		emu.injectFault({
			type: 'serverError',
			method: 'POST',
			pathPrefix: '/v3/webhooks/subscriptions',
		});
		const error = await engine.hook('create').catch((/** @type {any} */ thrown) => thrown);
		expect(error.message).toBe('Walmart did not confirm the notification subscriptions');
		expect(error.description).toContain('nothing was left subscribed');
		expect(posts()).toHaveLength(1);
		expect(emu.subscriptions()).toEqual([]);
		expect(engine.nodeState().subscription).toBeUndefined();
	});

	test('a read-back showing only some of them deletes those: no half-made set is left', async () => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		proxy.rule({
			method: 'POST',
			path: POSTS,
			times: 1,
			rewrite: () => ({ status: 504, body: '' }),
		});
		// The list read after the lost answer shows only ORDER_UPDATES.
		proxy.rule({
			method: 'GET',
			path: POSTS,
			times: 2,
			rewrite: (answer) => {
				const body = /** @type {{ events: Array<Record<string, unknown>> }} */ (answer.body);
				return {
					status: 200,
					body: { events: body.events.filter((entry) => entry.eventType === 'ORDER_UPDATES') },
				};
			},
		});
		await expect(engine.hook('create')).rejects.toThrow(
			'Walmart did not confirm the notification subscriptions',
		);
		expect(posts()).toHaveLength(1);
		expect(emu.subscriptions().map((subscription) => subscription.eventType)).toEqual([
			'RETURN_CREATED',
		]);
	});
});

describe('Walmart’s catalogue, other subscribers and deletes', () => {
	test('an event type catalogue answering 404 "none found": the documented resources are used', async () => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		proxy.rule({ method: 'GET', path: /eventTypes$/, rewrite: () => NOT_FOUND });
		await engine.hook('create');
		expect(
			emu
				.subscriptions()
				.map((subscription) => subscription.resourceName)
				.sort(),
		).toEqual(['ORDER', 'RETURNS']);
	});

	test('a catalogue without RETURN_CREATED refuses it by name before creating anything', async () => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		proxy.rule({
			method: 'GET',
			path: /eventTypes$/,
			rewrite: (answer) => ({
				status: 200,
				body: {
					eventTypes: /** @type {any} */ (answer.body).eventTypes.filter(
						(/** @type {any} */ type) => type.eventType !== 'RETURN_CREATED',
					),
				},
			}),
		});
		await expect(engine.hook('create')).rejects.toThrow(
			'Walmart does not offer the RETURN_CREATED notification to this account',
		);
		expect(notificationCalls()).toEqual(['GET /v3/webhooks/eventTypes']);
	});

	test('another address’s subscription for a chosen event: refused, then with Replace Existing deleted before ours is created', async () => {
		const other = await createWebhookEngine(
			walmart(),
			{ ...PARAMETERS, events: ['ORDER_UPDATES'] },
			{ workflowId: 'other', webhookId: '0a6d5c1e-5d1c-4b8e-8f55-1f0c2c0b0009' },
		);
		await other.hook('create');
		const [theirs] = emu.subscriptions();
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		proxy.requests.splice(0);
		await expect(engine.hook('create')).rejects.toThrow(
			'Walmart already sends ORDER_UPDATES notifications elsewhere',
		);
		expect(notificationCalls()).toEqual([
			'GET /v3/webhooks/eventTypes',
			'GET /v3/webhooks/subscriptions',
		]);
		proxy.requests.splice(0);
		engine.setParameters({ ...PARAMETERS, options: { replaceExisting: true } });
		await engine.hook('create');
		expect(notificationCalls()).toEqual([
			'GET /v3/webhooks/eventTypes',
			'GET /v3/webhooks/subscriptions',
			'DELETE /v3/webhooks/subscriptions/{id}',
			'POST /v3/webhooks/subscriptions',
		]);
		expect(proxy.requests.find((request) => request.method === 'DELETE')?.path).toContain(
			theirs.subscriptionId,
		);
		expect(emu.subscriptions().every((subscription) => subscription.eventUrl === engine.url)).toBe(
			true,
		);
	});

	test('a DELETE answered 500 after applying, then 404 on the resend, counts as deleted', async () => {
		const engine = await createWebhookEngine(walmart(), PARAMETERS);
		await engine.hook('create');
		proxy.rule({
			method: 'DELETE',
			path: /^\/v3\/webhooks\/subscriptions\//,
			times: 1,
			rewrite: () => ({ status: 500, body: { errors: [{ code: 'SYSTEM_ERROR' }] } }),
		});
		expect(await engine.hook('delete')).toBe(true);
		expect(emu.subscriptions()).toEqual([]);
		expect(engine.nodeState().subscription).toBeUndefined();
	});
});

describe('calls to the webhook', () => {
	/** @type {Awaited<ReturnType<typeof createWebhookEngine>>} */
	let engine;
	/** @type {string} */
	let secret;
	let sequence = 0;

	beforeEach(async () => {
		engine = await createWebhookEngine(walmart(), {
			events: ['ORDER_UPDATES', 'RETURN_CREATED', 'PO_CREATED'],
			authentication: 'HMAC',
			options: {},
		});
		await engine.hook('create');
		secret = engine.nodeState().subscription.secret;
	});

	/** @param {unknown} envelope */
	function signed(envelope) {
		const rawBody = Buffer.from(typeof envelope === 'string' ? envelope : JSON.stringify(envelope));
		const signature = crypto.createHmac('sha256', secret).update(rawBody).digest('base64');
		return { rawBody, headers: { 'x-walmart-signature': signature } };
	}

	/** @param {string} eventType @param {unknown} payload */
	const envelope = (eventType, payload) => ({
		source: { eventType, eventTime: '2026-12-02T10:00:00.000Z', eventId: `call-${++sequence}` },
		payload,
	});

	/** The one item a call started, or undefined when it started nothing. */
	const startedItem = (/** @type {any} */ answer) => answer.result?.workflowData?.[0]?.[0]?.json;

	test.each([
		[
			'ORDER_UPDATES',
			{ subEventType: 'INTENT_TO_CANCEL', order: { purchaseOrderId: '81', customerOrderId: '20' } },
			{ subEventType: 'INTENT_TO_CANCEL', purchaseOrderId: '81', customerOrderId: '20' },
		],
		[
			'PO_CREATED',
			{ purchaseOrderId: '82', customerOrderId: '21' },
			{ subEventType: null, purchaseOrderId: '82', customerOrderId: '21' },
		],
		[
			'RETURN_CREATED',
			{ returnOrders: [{ purchaseOrderId: '83', returnOrderId: 'R1' }] },
			{ subEventType: null, purchaseOrderId: '83', returnOrderIds: ['R1'] },
		],
	])(
		'%s starts one item: what it is about first, then the envelope as sent',
		async (type, payload, about) => {
			const sent = envelope(type, payload);
			const answer = await engine.receive(signed(sent));
			const item = startedItem(answer);
			expect(item).toMatchObject({ eventType: type, eventId: sent.source.eventId, ...about });
			expect(item.source).toEqual(sent.source);
			expect(item.payload).toEqual(payload);
			expect(JSON.stringify(item)).not.toContain(secret);
		},
	);

	test.each([
		['no signature', 401, () => ({ rawBody: Buffer.from('{}'), headers: {} })],
		[
			'a body re-serialised after signing',
			401,
			() => {
				const call = signed(envelope('ORDER_UPDATES', {}));
				return {
					...call,
					rawBody: Buffer.from(JSON.stringify(JSON.parse(call.rawBody.toString()), null, 2)),
				};
			},
		],
		[
			'two signature headers',
			401,
			() => {
				const call = signed(envelope('ORDER_UPDATES', {}));
				const value = call.headers['x-walmart-signature'];
				return { ...call, headers: { 'x-walmart-signature': [value, value] } };
			},
		],
		['a signed empty body', 400, () => signed('')],
		['a signed body whose source is a list', 400, () => signed({ source: [{ eventId: 'x' }] })],
		[
			'a signed body whose eventId is a number',
			400,
			() => signed({ source: { eventType: 'ORDER_UPDATES', eventId: 7 }, payload: {} }),
		],
	])('%s is answered %i, starts nothing and echoes no secret', async (_name, status, call) => {
		const answer = await engine.receive(call());
		expect(answer.status).toBe(status);
		expect(answer.result).toEqual({ noWebhookResponse: true });
		expect(JSON.stringify(answer.body)).not.toContain(secret);
	});

	test('a unicode body is checked on its exact bytes', async () => {
		const answer = await engine.receive(
			signed(envelope('PO_CREATED', { purchaseOrderId: '84', productName: 'Crème brûlée 🍮' })),
		);
		expect(startedItem(answer)?.payload.productName).toBe('Crème brûlée 🍮');
	});

	test('the second copy of an event starts nothing, also at the same instant', async () => {
		const call = signed(envelope('ORDER_UPDATES', { subEventType: 'PO_CREATED', order: {} }));
		const answers = await Promise.all([engine.receive(call), engine.receive(call)]);
		expect(answers.filter((answer) => startedItem(answer) !== undefined)).toHaveLength(1);
		expect(answers.find((answer) => startedItem(answer) === undefined)?.body).toMatchObject({
			received: true,
			duplicate: expect.any(String),
		});
	});

	test('after unpublishing, a call signed with the old secret is refused', async () => {
		await engine.hook('delete');
		const answer = await engine.receive(signed(envelope('ORDER_UPDATES', {})));
		expect(answer.status).toBe(401);
	});
});

describe('the generated secret in Walmart’s errors', () => {
	/** Everything an n8n error keeps that the editor or the execution log may show. */
	const shown = (/** @type {any} */ error) =>
		JSON.stringify({
			message: error.message,
			description: error.description,
			messages: error.messages,
			context: error.context,
			errorResponse: error.errorResponse,
			cause: error.cause,
			stack: error.stack,
		});

	test.each([
		[
			'a create Walmart refuses quoting the Basic password',
			'BASIC_AUTH',
			/subscriptions$/,
			'trigger',
		],
		['a test notification Walmart cannot deliver, quoting the HMAC key', 'HMAC', /test$/, 'manual'],
	])('%s: the error shows [secret] instead', async (_name, authentication, path, mode) => {
		const engine = await createWebhookEngine(walmart(), {
			events: ['ORDER_UPDATES'],
			authentication,
			options: {},
		});
		/** @type {string} */
		let secret = '';
		proxy.rule({
			method: 'POST',
			path,
			times: 1,
			rewrite: (_answer, request) => {
				const details =
					/** @type {any} */ (request).events?.[0]?.authDetails ??
					/** @type {any} */ (request).authDetails;
				secret = details.password ?? details.clientSecret;
				return {
					status: 400,
					body: {
						errors: [
							{
								code: 'INVALID_REQUEST_CONTENT.GMP_NOTIFICATIONS_API',
								field: 'authDetails',
								description: `Value ${secret} is not accepted`,
							},
						],
					},
				};
			},
		});
		const error = await engine
			.hook('create', /** @type {'trigger' | 'manual'} */ (mode))
			.catch((/** @type {any} */ thrown) => thrown);
		expect(error).toBeInstanceOf(Error);
		expect(secret).not.toBe('');
		expect(shown(error)).not.toContain(secret);
		expect(shown(error)).toContain('[secret]');
	});
});
