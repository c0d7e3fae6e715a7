// @ts-check
'use strict';

/**
 * The workflows the queue-mode suite imports besides the examples: webhook-started, so that
 * every execution is a production one that main puts on the queue and a worker runs. Each
 * Walmart node continues on failure, so the webhook answers with the node's own report (or its
 * error message) instead of a bare 500, and a Code node adds the execution ID so the test can
 * tell which worker ran it.
 */

const { loadExamples } = require('../../scripts/lib/n8n');

/** Credentials of the emulators the suite runs, one per purpose so their figures stay apart. */
const CREDENTIALS = {
	examples: { id: 'walmartEmulator1', name: 'Walmart Marketplace API (emulator)' },
	writes: { id: 'walmartQueueWrites', name: 'Walmart (queue writes emulator)' },
	bulk: { id: 'walmartQueueBulk', name: 'Walmart (queue 10,000 orders emulator)' },
	poll: { id: 'walmartQueuePoll', name: 'Walmart (queue polling emulator)' },
};

const WALMART = 'n8n-nodes-walmart-marketplace.walmartMarketplace';

/** @param {string} path */
function webhookNode(path) {
	return {
		id: `wh-${path.replace(/\W/g, '-')}`,
		name: 'Queue test webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: `queue-${path.replace(/\W/g, '-')}`,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		},
	};
}

/** @param {{ id: string, name: string }} credential */
function walmartCredential(credential) {
	return { walmartMarketplaceApi: { id: credential.id, name: credential.name } };
}

/**
 * @param {string} id
 * @param {string} path
 * @param {Record<string, any>} walmartParameters
 * @param {{ id: string, name: string }} credential
 * @param {string} [code] the last node's code; by default the Walmart output plus the execution ID
 */
function webhookWorkflow(id, path, walmartParameters, credential, code) {
	return {
		id,
		name: `Queue test: ${path}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(path),
			{
				id: `${id}-walmart`,
				name: 'Walmart',
				type: WALMART,
				typeVersion: 1,
				position: [220, 0],
				onError: 'continueRegularOutput',
				credentials: walmartCredential(credential),
				parameters: walmartParameters,
			},
			{
				id: `${id}-code`,
				name: 'Answer',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [440, 0],
				parameters: {
					jsCode:
						code ??
						'return $input.all().map((item) => ({ json: { ...item.json, executionId: $execution.id } }));',
				},
			},
		],
		connections: {
			'Queue test webhook': { main: [[{ node: 'Walmart', type: 'main', index: 0 }]] },
			Walmart: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
		},
	};
}

const refundWorkflow = webhookWorkflow(
	'queueRefund',
	'queue/refund',
	{
		resource: 'order',
		operation: 'refundLines',
		purchaseOrderId: '={{ $json.body.purchaseOrderId }}',
		refundType: 'partial',
		linesInput: 'json',
		linesJson: '={{ $json.body.lines }}',
		simplify: true,
		options: {},
	},
	CREDENTIALS.writes,
);

const cancelWorkflow = webhookWorkflow(
	'queueCancel',
	'queue/cancel',
	{
		resource: 'order',
		operation: 'cancelLines',
		purchaseOrderId: '={{ $json.body.purchaseOrderId }}',
		lineSelection: 'json',
		linesJson: '={{ $json.body.lines }}',
		reason: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		simplify: true,
		options: {},
	},
	CREDENTIALS.writes,
);

// Ship Lines of one package: the line, its quantity and its tracking number from the request.
const shipWorkflow = webhookWorkflow(
	'queueShip',
	'queue/ship',
	{
		resource: 'order',
		operation: 'shipLines',
		purchaseOrderId: '={{ $json.body.purchaseOrderId }}',
		lineSelection: 'json',
		linesJson: '={{ $json.body.lines }}',
		carrier: 'USPS',
		methodCode: 'Standard',
		trackingNumber: '',
		simplify: true,
		options: {},
	},
	CREDENTIALS.writes,
);

const returnAllWorkflow = webhookWorkflow(
	'queueReturnAll',
	'queue/return-all',
	{
		resource: 'order',
		operation: 'getAll',
		returnAll: true,
		filters: { createdStartDate: '={{ $now.minus({ days: 175 }).toISO() }}' },
		simplify: true,
		options: {},
	},
	CREDENTIALS.bulk,
	// 10,000 orders would make a 30 MB webhook answer; their IDs are what "none lost" needs.
	[
		'const items = $input.all();',
		'if (items.length === 1 && items[0].json.error) return [{ json: { error: items[0].json.error, executionId: $execution.id } }];',
		'const ids = items.map((item) => item.json.purchaseOrderId);',
		'return [{ json: { count: ids.length, unique: new Set(ids).size, ids, executionId: $execution.id } }];',
	].join('\n'),
);

const pollWorkflow = {
	id: 'queuePoll',
	name: 'Queue test: new orders (polling trigger)',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'queuePoll-trigger',
			name: 'Walmart Marketplace Trigger',
			type: 'n8n-nodes-walmart-marketplace.walmartMarketplaceTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: walmartCredential(CREDENTIALS.poll),
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'newOrder' },
		},
	],
	connections: {},
};

/**
 * Examples 3 and 4 start on a schedule or by hand; here a webhook replaces both triggers so that
 * their runs are production executions a worker picks up, nodes after the trigger unchanged.
 * @param {Record<string, any>} example
 * @param {string} path
 */
function webhookVariant(example, path) {
	const triggers = example.nodes.filter((/** @type {any} */ node) =>
		['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.manualTrigger'].includes(node.type),
	);
	const [first] = triggers;
	const connections = { ...example.connections };
	const next = connections[first.name];
	for (const trigger of triggers) delete connections[trigger.name];
	const webhook = { ...webhookNode(path), parameters: { ...webhookNode(path).parameters } };
	webhook.parameters.responseData = 'allEntries';
	return {
		...example,
		id: `${example.id}Q`,
		name: `${example.name} (queue webhook)`,
		nodes: [
			webhook,
			...example.nodes.filter((/** @type {any} */ node) => !triggers.includes(node)),
		],
		connections: { ...connections, 'Queue test webhook': next },
	};
}

function allWorkflows() {
	const examples = loadExamples();
	/** @param {string} name */
	const example = (name) => {
		const found = examples.find((workflow) => workflow.name === name);
		if (!found) throw new Error(`no example named ${name}`);
		return found;
	};
	return {
		examples,
		digest: webhookVariant(example('Walmart: Daily returns digest'), 'queue/returns-digest'),
		newOrders: webhookVariant(example('Walmart: New orders to ERP'), 'queue/new-orders'),
		refund: refundWorkflow,
		cancel: cancelWorkflow,
		ship: shipWorkflow,
		returnAll: returnAllWorkflow,
		poll: pollWorkflow,
	};
}

module.exports = { CREDENTIALS, allWorkflows };
