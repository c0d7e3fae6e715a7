// @ts-check
/** The webhook trigger's pure parts: checking a call, reading Walmart's envelope, the memory. */
const crypto = require('node:crypto');
const {
	verifyNotification,
	parseNotification,
	notificationItem,
	pruneSeenEvents,
	generateSecret,
	BASIC_AUTH_USER,
	SEEN_EVENTS_LIMIT,
} = require('../../dist/nodes/WalmartMarketplace/helpers/notifications');
const {
	subscriptionsIn,
	eventTypesIn,
} = require('../../dist/nodes/WalmartMarketplace/transport/notifications');

const secret = generateSecret();
const body = Buffer.from(
	JSON.stringify({
		source: { eventType: 'ORDER_UPDATES', eventTime: '2026-12-02T10:00:00.000Z', eventId: 'e-1' },
		payload: { subEventType: 'PO_CREATED', order: { purchaseOrderId: '8000000000001' } },
	}),
);
const hmac = (/** @type {string} */ key, /** @type {Buffer} */ bytes) =>
	crypto.createHmac('sha256', key).update(bytes);

describe('HMAC signature', () => {
	const auth = /** @type {const} */ ({ method: 'HMAC', secret });

	test.each([
		['Base64', hmac(secret, body).digest('base64')],
		['hex', hmac(secret, body).digest('hex')],
		['upper-case hex', hmac(secret, body).digest('hex').toUpperCase()],
		['sha256= prefix', `sha256=${hmac(secret, body).digest('hex')}`],
		['Base64 URL', hmac(secret, body).digest('base64url')],
	])('accepts a signature in %s', (_name, signature) => {
		expect(verifyNotification(auth, { 'x-walmart-signature': signature }, body)).toEqual({
			valid: true,
		});
	});

	test('the header name is matched without regard to case', () => {
		const signature = hmac(secret, body).digest('base64');
		expect(verifyNotification(auth, { 'X-WALMART-SIGNATURE': signature }, body).valid).toBe(true);
	});

	test.each([
		['no header', {}],
		['an empty header', { 'x-walmart-signature': '' }],
		['another secret', { 'x-walmart-signature': hmac('guess', body).digest('base64') }],
		[
			'a truncated signature',
			{ 'x-walmart-signature': hmac(secret, body).digest('hex').slice(0, 63) },
		],
		['garbage', { 'x-walmart-signature': 'not a signature' }],
		[
			'the Basic credentials',
			{ authorization: `Basic ${Buffer.from(`${BASIC_AUTH_USER}:${secret}`).toString('base64')}` },
		],
	])('refuses %s', (_name, headers) => {
		expect(verifyNotification(auth, headers, body).valid).toBe(false);
	});

	test('Base64 without its "=" is accepted', () => {
		const signature = hmac(secret, body).digest('base64').replace(/=+$/, '');
		expect(verifyNotification(auth, { 'x-walmart-signature': signature }, body).valid).toBe(true);
	});

	test.each([
		// Node's Base64 decoder skips what it does not know, so each of these decoded to the
		// genuine digest and passed.
		[
			'characters inserted into a genuine signature',
			(/** @type {string} */ s) => `${s.slice(0, 10)}!!$$${s.slice(10)}`,
		],
		['two copies of the header joined by a comma', (/** @type {string} */ s) => `${s}, ${s}`],
		['a genuine signature with text after it', (/** @type {string} */ s) => `${s} trailing`],
	])('refuses %s', (_name, change) => {
		const signature = change(hmac(secret, body).digest('base64'));
		expect(verifyNotification(auth, { 'x-walmart-signature': signature }, body)).toEqual({
			valid: false,
			reason: 'the X-Walmart-Signature header is not an HMAC-SHA256 in hex or Base64',
		});
	});

	test('a signature of the right length and form but another value: no match', () => {
		const signature = crypto.randomBytes(32).toString('base64');
		expect(verifyNotification(auth, { 'x-walmart-signature': signature }, body)).toEqual({
			valid: false,
			reason: 'the signature does not match the body',
		});
	});

	test('a huge header is refused without throwing', () => {
		expect(
			verifyNotification(auth, { 'x-walmart-signature': 'A'.repeat(1_000_000) }, body).valid,
		).toBe(false);
	});

	test('a body changed by one byte fails', () => {
		const signature = hmac(secret, body).digest('base64');
		const changed = Buffer.from(body.toString().replace('8000000000001', '8000000000002'));
		expect(verifyNotification(auth, { 'x-walmart-signature': signature }, changed).valid).toBe(
			false,
		);
	});
});

describe('Basic credentials', () => {
	const auth = /** @type {const} */ ({ method: 'BASIC_AUTH', secret });
	const encoded = Buffer.from(`${BASIC_AUTH_USER}:${secret}`).toString('base64');

	test.each([
		['with the Basic word', `Basic ${encoded}`],
		['without it', encoded],
		['with a lower-case word', `basic ${encoded}`],
	])('accepts the generated user and secret %s', (_name, value) => {
		expect(verifyNotification(auth, { authorization: value }, body).valid).toBe(true);
	});

	test.each([
		['a wrong password', `Basic ${Buffer.from(`${BASIC_AUTH_USER}:wrong`).toString('base64')}`],
		['a wrong user', `Basic ${Buffer.from(`someone:${secret}`).toString('base64')}`],
		[
			'a prefix of the secret',
			`Basic ${Buffer.from(`${BASIC_AUTH_USER}:${secret.slice(0, 10)}`).toString('base64')}`,
		],
		['Bearer', `Bearer ${secret}`],
		[
			'genuine credentials with characters inserted',
			`Basic ${encoded.slice(0, 8)}!!${encoded.slice(8)}`,
		],
	])('refuses %s', (_name, value) => {
		expect(verifyNotification(auth, { authorization: value }, body).valid).toBe(false);
	});
});

describe('reading the envelope', () => {
	test('an ORDER_UPDATES notification: its type, sub-type, ID and order first', () => {
		const parsed = parseNotification(JSON.parse(body.toString()));
		if ('problem' in parsed) throw new Error(parsed.problem);
		const item = notificationItem(parsed, '2026-12-02T10:00:01.000Z');
		expect(item).toMatchObject({
			eventType: 'ORDER_UPDATES',
			subEventType: 'PO_CREATED',
			eventId: 'e-1',
			eventTime: '2026-12-02T10:00:00.000Z',
			receivedAt: '2026-12-02T10:00:01.000Z',
			purchaseOrderId: '8000000000001',
		});
		expect(Object.keys(item).slice(0, 6)).toEqual([
			'eventType',
			'subEventType',
			'eventId',
			'eventTime',
			'receivedAt',
			'purchaseOrderId',
		]);
	});

	test('a sub-type under payload.meta is read too', () => {
		const parsed = parseNotification({
			source: { eventType: 'ORDER_UPDATES', eventId: 'e-2' },
			payload: { meta: { subEventType: 'FRAUD_CANCEL' }, order: {} },
		});
		expect(parsed).toMatchObject({ subEventType: 'FRAUD_CANCEL' });
	});

	test('a legacy PO_CREATED carries the order as the payload itself', () => {
		const parsed = parseNotification({
			source: { eventType: 'PO_CREATED', eventId: 'e-3' },
			payload: { purchaseOrderId: '1', customerOrderId: '2' },
		});
		if ('problem' in parsed) throw new Error(parsed.problem);
		expect(notificationItem(parsed, 'now')).toMatchObject({
			subEventType: null,
			purchaseOrderId: '1',
			customerOrderId: '2',
		});
	});

	test('RETURN_CREATED lists its return orders', () => {
		const parsed = parseNotification({
			source: { eventType: 'RETURN_CREATED', eventId: 'e-4' },
			payload: {
				returnOrders: [
					{ purchaseOrderId: '5', returnOrderId: 'r1' },
					{ purchaseOrderId: '5', returnOrderId: 'r1' },
					{ purchaseOrderId: '5', returnOrderId: 'r2' },
				],
			},
		});
		if ('problem' in parsed) throw new Error(parsed.problem);
		expect(notificationItem(parsed, 'now')).toMatchObject({
			purchaseOrderId: '5',
			returnOrderIds: ['r1', 'r2'],
		});
	});

	test.each([
		['a list', [], 'not a JSON object'],
		['text', 'hello', 'not a JSON object'],
		['no source', { payload: {} }, 'no "source" object'],
		['no event ID', { source: { eventType: 'ORDER_UPDATES' } }, 'source.eventId is missing'],
		['a blank event ID', { source: { eventType: 'X', eventId: ' ' } }, 'source.eventId is missing'],
		['no event type', { source: { eventId: 'e' } }, 'source.eventType is missing'],
		[
			'an event ID that is a number',
			{ source: { eventType: 'X', eventId: 12 } },
			'source.eventId is 12, which is not text',
		],
		['a source that is a list', { source: [{ eventId: 'e' }] }, 'no "source" object'],
	])('refuses %s', (_name, input, problem) => {
		expect(parseNotification(input)).toEqual({ problem: expect.stringContaining(problem) });
	});
});

describe('memory of started events', () => {
	const now = Date.UTC(2026, 11, 2);
	const DAY = 24 * 60 * 60 * 1000;

	test('keeps a week and drops what is older', () => {
		expect(pruneSeenEvents({ a: now - 6 * DAY, b: now - 8 * DAY }, now)).toEqual({
			a: now - 6 * DAY,
		});
	});

	test('keeps at most the newest SEEN_EVENTS_LIMIT', () => {
		/** @type {Record<string, number>} */
		const seen = {};
		for (let index = 0; index < SEEN_EVENTS_LIMIT + 10; index++) seen[`e${index}`] = now - index;
		const kept = pruneSeenEvents(seen, now);
		expect(Object.keys(kept)).toHaveLength(SEEN_EVENTS_LIMIT);
		expect(kept.e0).toBe(now);
		expect(kept[`e${SEEN_EVENTS_LIMIT}`]).toBeUndefined();
	});
});

describe('Walmart’s envelopes for subscriptions and event types', () => {
	const record = { subscriptionId: 's1', eventType: 'ORDER_UPDATES' };

	test.each([
		['create: event[]', { event: [record] }],
		['list: events[]', { events: [record] }],
		['list nested: events[].event[]', { events: [{ event: [record] }] }],
		['patch: one record', record],
	])('reads %s', (_name, input) => {
		expect(subscriptionsIn(input)).toEqual([record]);
	});

	test.each([
		['null', null],
		['a list', [record]],
		['a record without an ID', { events: [{ eventType: 'ORDER_UPDATES' }] }],
		['HTML', '<html></html>'],
	])('refuses %s', (_name, input) => {
		expect(subscriptionsIn(input)).toBeUndefined();
	});

	test('event types under eventTypes or events; an incomplete entry refuses the list', () => {
		const type = { eventType: 'ORDER_UPDATES', resourceName: 'ORDER', eventVersion: 'V1' };
		expect(eventTypesIn({ eventTypes: [type] })).toEqual([type]);
		expect(eventTypesIn({ events: [type] })).toEqual([type]);
		expect(eventTypesIn({ eventTypes: [type, { eventType: 'X' }] })).toBeUndefined();
		expect(eventTypesIn({})).toBeUndefined();
	});
});
