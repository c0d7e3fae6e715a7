// @ts-check
'use strict';

/**
 * The Walmart Marketplace Webhook Trigger in a real n8n against the emulator's notifications
 * API: publishing a workflow creates the subscription at "Walmart", each notification the
 * emulator delivers (HMAC-signed or with Basic credentials, redelivered, duplicated, after a
 * restart) starts exactly one execution, forged calls start none and get 401, and unpublishing
 * deletes the subscription. The figures the closing note of issue 10 quotes are printed at the
 * end as one `[webhook figures]` line.
 */

const crypto = require('node:crypto');
const { SETUP_TIMEOUT_MS, freshN8n, startEmulator } = require('./support');
const {
	emulatorCredential,
	EMULATOR_CREDENTIAL,
	unflatten,
	loadExamples,
} = require('../../scripts/lib/n8n');

jest.setTimeout(180_000);

const NODE_TYPE = 'n8n-nodes-walmart-marketplace.walmartMarketplaceWebhookTrigger';
const HMAC_WEBHOOK_ID = '7f1c2a52-0d54-4f0e-9c55-3d1f8f7a0001';
const BASIC_WEBHOOK_ID = '7f1c2a52-0d54-4f0e-9c55-3d1f8f7a0002';
const RIVAL_WEBHOOK_ID = '7f1c2a52-0d54-4f0e-9c55-3d1f8f7a0003';

/** @type {import('../../scripts/lib/n8n').N8n} */
let n8n;
/** @type {any} */
let emulator;

const figures = {
	subscriptionsCreated: 0,
	subscriptionsDeleted: 0,
	eventsDelivered: 0,
	executionsStarted: 0,
	forgedRejected: 0,
	forgedTried: 0,
	duplicatesSuppressed: 0,
};

/**
 * @param {string} id
 * @param {string} name
 * @param {string} webhookId
 * @param {Record<string, unknown>} parameters
 */
function workflow(id, name, webhookId, parameters) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Walmart Webhook',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: {
					walmartMarketplaceApi: { id: EMULATOR_CREDENTIAL.id, name: EMULATOR_CREDENTIAL.name },
				},
			},
		],
	};
}

const HMAC_WORKFLOW = workflow('walmartWebhookHmac1', 'Walmart webhook (HMAC)', HMAC_WEBHOOK_ID, {
	events: ['ORDER_UPDATES', 'RETURN_CREATED'],
	orderUpdateTypes: ['PO_CREATED', 'INTENT_TO_CANCEL', 'FRAUD_CANCEL'],
	authentication: 'HMAC',
	options: {},
});
const BASIC_WORKFLOW = workflow(
	'walmartWebhookBasic1',
	'Walmart webhook (Basic)',
	BASIC_WEBHOOK_ID,
	{
		events: ['PO_LINE_AUTOCANCELLED'],
		authentication: 'BASIC_AUTH',
		options: {},
	},
);
const RIVAL_WORKFLOW = workflow(
	'walmartWebhookRival1',
	'Walmart webhook (rival)',
	RIVAL_WEBHOOK_ID,
	{
		events: ['ORDER_UPDATES'],
		authentication: 'HMAC',
		options: {},
	},
);

/** @param {string} webhookId */
const webhookUrl = (webhookId) => `${n8n.baseUrl}/webhook/${webhookId}/webhook`;

/** @param {string} workflowId @returns {Promise<any[]>} newest first */
async function executions(workflowId) {
	const list = await n8n.rest(
		'GET',
		`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
	);
	return list.results ?? [];
}

/**
 * Waits until the workflow has `count` executions and they have all finished, then waits a
 * little longer to catch any extra one.
 * @param {string} workflowId
 * @param {number} count
 */
async function settleExecutions(workflowId, count) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const list = await executions(workflowId);
		const finished = list.filter(
			(execution) => execution.status !== 'running' && execution.status !== 'new',
		);
		if (list.length >= count && finished.length === list.length) break;
		if (Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await new Promise((resolve) => setTimeout(resolve, 1500));
	return await executions(workflowId);
}

/** @param {string} executionId */
async function triggerOutput(executionId) {
	const full = await n8n.rest('GET', `/executions/${executionId}`);
	const data = unflatten(full.data);
	return data.resultData.runData['Walmart Webhook'][0].data.main[0].map(
		(/** @type {any} */ item) => item.json,
	);
}

/**
 * A call that did not come from Walmart.
 * @param {string} webhookId
 * @param {Record<string, string>} headers
 * @param {string} body
 */
async function forge(webhookId, headers, body) {
	figures.forgedTried++;
	const response = await fetch(webhookUrl(webhookId), {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	if (response.status === 401) figures.forgedRejected++;
	return response.status;
}

function subscriptionsTo(/** @type {string} */ webhookId) {
	return emulator
		.subscriptions()
		.filter((/** @type {any} */ s) => s.eventUrl === webhookUrl(webhookId));
}

/** n8n deletes a trigger's subscriptions a moment after unpublishing answers. */
async function untilNoSubscriptions() {
	const deadline = Date.now() + 30_000;
	while (emulator.subscriptions().length > 0 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

beforeAll(async () => {
	emulator = await startEmulator({ redeliveryDelayMs: 50 });
	({ n8n } = freshN8n('webhook-trigger', { port: 5696 }));
	await n8n.importCredentials([emulatorCredential(emulator)]);
	await n8n.importWorkflows([
		HMAC_WORKFLOW,
		BASIC_WORKFLOW,
		RIVAL_WORKFLOW,
		...loadExamples().filter(
			(/** @type {any} */ workflow) => workflow.id === 'walmartExWebhookAck',
		),
	]);
	await n8n.start();
	await n8n.ensureOwner();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	process.stderr.write(`[webhook figures] ${JSON.stringify(figures)}\n`);
	await n8n?.stop();
	await emulator?.close();
});

describe('activation', () => {
	test('publishing creates one active HMAC subscription per chosen event, pointing at n8n', async () => {
		await n8n.activate(HMAC_WORKFLOW.id);
		const subscriptions = subscriptionsTo(HMAC_WEBHOOK_ID);
		figures.subscriptionsCreated += subscriptions.length;
		expect(subscriptions.map((/** @type {any} */ s) => s.eventType).sort()).toEqual([
			'ORDER_UPDATES',
			'RETURN_CREATED',
		]);
		for (const subscription of subscriptions) {
			expect(subscription).toMatchObject({
				status: 'ACTIVE',
				eventVersion: 'V1',
				authDetails: { authMethod: 'HMAC', authHeaderName: 'X-Walmart-Signature' },
			});
			expect(subscription.authDetails.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		}
		expect(subscriptions[0].authDetails.clientSecret).toBe(
			subscriptions[1].authDetails.clientSecret,
		);
		expect(
			subscriptions.find((/** @type {any} */ s) => s.eventType === 'RETURN_CREATED').resourceName,
		).toBe('RETURNS');
	});

	test('the generated secret appears in no n8n log line', () => {
		const [subscription] = subscriptionsTo(HMAC_WEBHOOK_ID);
		expect(n8n.readLog()).not.toContain(subscription.authDetails.clientSecret);
	});

	test('a second workflow for the same event fails to publish, naming the existing subscription', async () => {
		const before = emulator.subscriptions();
		await expect(n8n.activate(RIVAL_WORKFLOW.id)).rejects.toThrow(
			/already sends ORDER_UPDATES notifications elsewhere/,
		);
		expect(emulator.subscriptions()).toEqual(before);
	});
});

describe('notifications', () => {
	test('a new order starts exactly one execution with the order update', async () => {
		emulator.clearDeliveries();
		const order = emulator.createOrder({ lines: [{ sku: 'WEBHOOK-1', quantity: 2 }] });
		await emulator.waitForDeliveries();
		const deliveries = emulator
			.deliveries()
			.filter((/** @type {any} */ d) => d.url === webhookUrl(HMAC_WEBHOOK_ID));
		figures.eventsDelivered += 1;
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0]).toMatchObject({ eventType: 'ORDER_UPDATES', status: 200, attempt: 1 });
		const list = await settleExecutions(HMAC_WORKFLOW.id, 1);
		figures.executionsStarted = list.length;
		expect(list).toHaveLength(1);
		expect(list[0].status).toBe('success');
		const [item] = await triggerOutput(list[0].id);
		expect(item).toMatchObject({
			eventType: 'ORDER_UPDATES',
			subEventType: 'PO_CREATED',
			eventId: deliveries[0].eventId,
			purchaseOrderId: order.purchaseOrderId,
		});
		expect(item.payload.order.orderLines[0].sku).toBe('WEBHOOK-1');
	});

	test('the same event delivered twice at once starts one execution', async () => {
		const result = await emulator.emitNotification({
			eventType: 'ORDER_UPDATES',
			subEventType: 'INTENT_TO_CANCEL',
			duplicate: true,
		});
		figures.eventsDelivered += 1;
		const deliveries = emulator
			.deliveries()
			.filter(
				(/** @type {any} */ d) =>
					d.eventId === result.eventId && d.url === webhookUrl(HMAC_WEBHOOK_ID),
			);
		expect(deliveries).toHaveLength(2);
		for (const delivery of deliveries) expect(delivery.status).toBe(200);
		const list = await settleExecutions(HMAC_WORKFLOW.id, 2);
		figures.executionsStarted = list.length;
		figures.duplicatesSuppressed += 1;
		expect(list).toHaveLength(2);
		const [item] = await triggerOutput(list[0].id);
		expect(item).toMatchObject({ subEventType: 'INTENT_TO_CANCEL', eventId: result.eventId });
	});

	test('a redelivery of an event already started, later, starts nothing', async () => {
		const [first] = emulator
			.deliveries()
			.filter((/** @type {any} */ d) => d.url === webhookUrl(HMAC_WEBHOOK_ID));
		await emulator.emitNotification({
			eventType: 'ORDER_UPDATES',
			subEventType: 'PO_CREATED',
			eventId: first.eventId,
		});
		figures.duplicatesSuppressed += 1;
		const list = await settleExecutions(HMAC_WORKFLOW.id, 2);
		expect(list).toHaveLength(2);
	});

	test('an order update of a type not chosen is acknowledged and starts nothing', async () => {
		const result = await emulator.emitNotification({
			eventType: 'ORDER_UPDATES',
			subEventType: 'PO_LINE_AUTOCANCELLED',
		});
		expect(result.deliveries.every((/** @type {any} */ d) => d.status === 200)).toBe(true);
		const list = await settleExecutions(HMAC_WORKFLOW.id, 2);
		expect(list).toHaveLength(2);
	});

	test('a hex-encoded signature is accepted as well', async () => {
		emulator.setHmacEncoding('hex');
		try {
			await emulator.emitNotification({ eventType: 'ORDER_UPDATES', subEventType: 'FRAUD_CANCEL' });
		} finally {
			emulator.setHmacEncoding('base64');
		}
		figures.eventsDelivered += 1;
		const list = await settleExecutions(HMAC_WORKFLOW.id, 3);
		figures.executionsStarted = list.length;
		expect(list).toHaveLength(3);
		const [item] = await triggerOutput(list[0].id);
		expect(item.subEventType).toBe('FRAUD_CANCEL');
	});

	test('a new return starts one execution naming the return', async () => {
		const shipped = emulator
			.orders()
			.find((/** @type {any} */ order) =>
				order.orderLines.orderLine.some((/** @type {any} */ line) =>
					line.orderLineStatuses.orderLineStatus.some(
						(/** @type {any} */ s) => s.status === 'Shipped',
					),
				),
			);
		const opened = emulator.openReturn({ purchaseOrderId: shipped.purchaseOrderId });
		await emulator.waitForDeliveries();
		figures.eventsDelivered += 1;
		const list = await settleExecutions(HMAC_WORKFLOW.id, 4);
		figures.executionsStarted = list.length;
		expect(list).toHaveLength(4);
		const [item] = await triggerOutput(list[0].id);
		expect(item).toMatchObject({
			eventType: 'RETURN_CREATED',
			purchaseOrderId: shipped.purchaseOrderId,
			returnOrderIds: [opened.returnOrderId],
		});
	});
});

describe('forged calls', () => {
	const body = JSON.stringify({
		source: {
			eventType: 'ORDER_UPDATES',
			eventTime: new Date().toISOString(),
			eventId: crypto.randomUUID(),
		},
		payload: { subEventType: 'PO_CREATED', order: { purchaseOrderId: '1234567890123' } },
	});

	test.each([
		['no signature', {}],
		[
			'a signature made with another secret',
			{ 'x-walmart-signature': crypto.createHmac('sha256', 'guess').update(body).digest('base64') },
		],
		['an empty signature', { 'x-walmart-signature': '' }],
		[
			'Basic credentials instead of a signature',
			{ authorization: `Basic ${Buffer.from('walmart-notifications:guess').toString('base64')}` },
		],
	])('%s: 401 and no execution', async (_name, headers) => {
		expect(await forge(HMAC_WEBHOOK_ID, headers, body)).toBe(401);
	});

	test('a genuine signature replayed over a changed body: 401', async () => {
		const [subscription] = subscriptionsTo(HMAC_WEBHOOK_ID);
		const signature = crypto
			.createHmac('sha256', subscription.authDetails.clientSecret)
			.update(body)
			.digest('base64');
		expect(
			await forge(
				HMAC_WEBHOOK_ID,
				{ 'x-walmart-signature': signature },
				body.replace('1234567890123', '1234567890124'),
			),
		).toBe(401);
	});

	test('none of them started an execution', async () => {
		const list = await settleExecutions(HMAC_WORKFLOW.id, 4);
		expect(list).toHaveLength(4);
	});
});

describe('Basic authentication', () => {
	test('publishing gives Walmart a generated user and password; a delivery starts one execution', async () => {
		await n8n.activate(BASIC_WORKFLOW.id);
		const [subscription] = subscriptionsTo(BASIC_WEBHOOK_ID);
		figures.subscriptionsCreated += 1;
		expect(subscription).toMatchObject({
			eventType: 'PO_LINE_AUTOCANCELLED',
			authDetails: {
				authMethod: 'BASIC_AUTH',
				authHeaderName: 'Authorization',
				userName: 'walmart-notifications',
			},
		});
		await emulator.emitNotification({ eventType: 'PO_LINE_AUTOCANCELLED' });
		figures.eventsDelivered += 1;
		const list = await settleExecutions(BASIC_WORKFLOW.id, 1);
		figures.executionsStarted += list.length;
		expect(list).toHaveLength(1);
		expect(
			await forge(
				BASIC_WEBHOOK_ID,
				{ authorization: `Basic ${Buffer.from('walmart-notifications:wrong').toString('base64')}` },
				'{}',
			),
		).toBe(401);
	});
});

describe('restart and deactivation', () => {
	test('after an n8n restart the subscriptions are kept (not recreated) and a new event starts one execution', async () => {
		const before = subscriptionsTo(HMAC_WEBHOOK_ID)
			.map((/** @type {any} */ s) => s.subscriptionId)
			.sort();
		const executionsBefore = (await executions(HMAC_WORKFLOW.id)).length;
		await n8n.stop();
		await n8n.start();
		await n8n.ensureOwner();
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			const probe = await fetch(webhookUrl(HMAC_WEBHOOK_ID), {
				method: 'POST',
				body: '{}',
				headers: { 'content-type': 'application/json' },
			});
			if (probe.status !== 404) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(
			subscriptionsTo(HMAC_WEBHOOK_ID)
				.map((/** @type {any} */ s) => s.subscriptionId)
				.sort(),
		).toEqual(before);
		await emulator.emitNotification({ eventType: 'ORDER_UPDATES', subEventType: 'PO_CREATED' });
		figures.eventsDelivered += 1;
		const list = await settleExecutions(HMAC_WORKFLOW.id, executionsBefore + 1);
		figures.executionsStarted += 1;
		expect(list).toHaveLength(executionsBefore + 1);
	});

	test('unpublishing deletes the subscriptions; later calls reach no workflow', async () => {
		const count = emulator.subscriptions().length;
		await n8n.rest('POST', `/workflows/${HMAC_WORKFLOW.id}/deactivate`, {});
		await n8n.rest('POST', `/workflows/${BASIC_WORKFLOW.id}/deactivate`, {});
		await untilNoSubscriptions();
		figures.subscriptionsDeleted += count - emulator.subscriptions().length;
		expect(emulator.subscriptions()).toEqual([]);
		const status = await forge(HMAC_WEBHOOK_ID, {}, '{}');
		figures.forgedTried--;
		expect(status).toBe(404);
	});

	test('with the old subscription gone, the rival workflow publishes', async () => {
		// Its refused publication is still on record; publish it afresh.
		await n8n.rest('POST', `/workflows/${RIVAL_WORKFLOW.id}/deactivate`, {});
		await n8n.activate(RIVAL_WORKFLOW.id);
		expect(subscriptionsTo(RIVAL_WEBHOOK_ID).map((/** @type {any} */ s) => s.eventType)).toEqual([
			'ORDER_UPDATES',
		]);
		figures.subscriptionsCreated += 1;
		await n8n.rest('POST', `/workflows/${RIVAL_WORKFLOW.id}/deactivate`, {});
		await untilNoSubscriptions();
		figures.subscriptionsDeleted += 1;
		expect(emulator.subscriptions()).toEqual([]);
	});
});

describe('example 07: new orders acknowledged by webhook', () => {
	const example = () => {
		const found = loadExamples().find(
			(/** @type {any} */ candidate) => candidate.id === 'walmartExWebhookAck',
		);
		if (!found) throw new Error('example 07 is missing');
		return found;
	};

	test('published, a new order is acknowledged at once and shaped into one ERP sales order', async () => {
		await n8n.activate(example().id);
		figures.subscriptionsCreated += 1;
		const order = emulator.createOrder({ lines: [{ sku: 'EX07-1', quantity: 3 }] });
		await emulator.waitForDeliveries();
		figures.eventsDelivered += 1;
		const list = await settleExecutions(example().id, 1);
		figures.executionsStarted += list.length;
		expect(list).toHaveLength(1);
		expect(list[0].status).toBe('success');
		const statuses = emulator
			.getOrder(order.purchaseOrderId)
			.orderLines.orderLine[0].orderLineStatuses.orderLineStatus.map((/** @type {any} */ entry) => [
				entry.status,
				entry.statusQuantity.amount,
			]);
		expect(statuses).toEqual([['Acknowledged', '3']]);
		const full = await n8n.rest('GET', `/executions/${list[0].id}`);
		const data = unflatten(full.data);
		const [erp] = data.resultData.runData['Shape ERP sales order'][0].data.main[0];
		expect(erp.json).toMatchObject({
			externalOrderNumber: order.purchaseOrderId,
			acknowledged: 'now',
			lines: [{ itemCode: 'EX07-1', quantity: 3 }],
		});
		await n8n.rest('POST', `/workflows/${example().id}/deactivate`, {});
		await untilNoSubscriptions();
		figures.subscriptionsDeleted += 1;
		expect(emulator.subscriptions()).toEqual([]);
	});
});

describe('listening for a test event in the editor', () => {
	test('subscribes the test URL, Walmart’s test notification starts one manual execution, then the subscription is removed', async () => {
		const testUrl = `${n8n.baseUrl}/webhook-test/${HMAC_WEBHOOK_ID}/webhook`;
		const before = await executions(HMAC_WORKFLOW.id);
		emulator.clearDeliveries();
		const started = await n8n.rest('POST', `/workflows/${HMAC_WORKFLOW.id}/run`, {
			triggerToStartFrom: { name: 'Walmart Webhook' },
		});
		expect(started).toMatchObject({ waitingForWebhook: true });
		const deadline = Date.now() + 30_000;
		let list = before;
		while (list.length === before.length && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			list = await executions(HMAC_WORKFLOW.id);
		}
		const tests = emulator.deliveries().filter((/** @type {any} */ d) => d.test);
		expect(tests).toHaveLength(1);
		expect(tests[0]).toMatchObject({ url: testUrl, status: 200, eventType: 'ORDER_UPDATES' });
		list = await settleExecutions(HMAC_WORKFLOW.id, before.length + 1);
		expect(list).toHaveLength(before.length + 1);
		expect(list[0].mode).toBe('manual');
		const [item] = await triggerOutput(list[0].id);
		expect(item).toMatchObject({ eventType: 'ORDER_UPDATES', eventId: tests[0].eventId });
		await untilNoSubscriptions();
		expect(emulator.subscriptions()).toEqual([]);
	});
});
