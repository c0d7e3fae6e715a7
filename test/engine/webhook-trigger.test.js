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
const { startWalmartProxy } = require('../helpers/walmart-proxy');

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
