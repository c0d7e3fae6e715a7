// @ts-check
/**
 * The Walmart Marketplace Webhook Trigger on n8n-core's own contexts: `checkExists`, `create`
 * and `delete` run in a HookContext and each call in a WebhookContext, over one workflow whose
 * static data persists between them as n8n keeps it. Parameters go through n8n's parameter
 * resolution, so an expression is resolved as it would be in n8n.
 */
const { HookContext, WebhookContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { createEngine, loadPackage } = require('./engine');

const NODE_TYPE = 'n8n-nodes-walmart-marketplace.walmartMarketplaceWebhookTrigger';
const WEBHOOK_ID = '0a6d5c1e-5d1c-4b8e-8f55-1f0c2c0b0001';
const WEBHOOK_BASE_URL = 'http://127.0.0.1:5678/webhook';

/**
 * @param {{ baseUrl: string, clientId: string, clientSecret: string, market?: string }} walmart
 * @param {Record<string, unknown>} parameters
 * @param {{ workflowId?: string, webhookId?: string }} [options]
 */
async function createWebhookEngine(walmart, parameters, options = {}) {
	const engine = await createEngine(walmart);
	const loader = await loadPackage();
	const entry = loader.nodeTypes.walmartMarketplaceWebhookTrigger;
	const nodeType = /** @type {import('n8n-workflow').INodeType} */ (entry.type);
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	/** @type {import('n8n-workflow').IDataObject} */
	const staticData = {};
	const workflowId = options.workflowId ?? 'webhook-engine-test';
	const webhookId = options.webhookId ?? WEBHOOK_ID;

	function workflowWith(/** @type {Record<string, unknown>} */ nodeParameters) {
		const node = {
			id: 'webhook-node',
			name: 'Walmart Webhook',
			type: NODE_TYPE,
			typeVersion: 1,
			position: /** @type {[number, number]} */ ([0, 0]),
			webhookId,
			parameters: /** @type {import('n8n-workflow').INodeParameters} */ (nodeParameters),
			credentials: { walmartMarketplaceApi: { id: 'walmart-credential-1', name: 'Walmart' } },
		};
		const workflow = new Workflow({
			id: workflowId,
			nodes: [node],
			connections: {},
			nodeTypes,
			active: true,
			staticData,
			settings: { timezone: 'UTC' },
		});
		return { node, workflow };
	}

	/** @param {object} [fields] */
	function additionalData(fields = {}) {
		return /** @type {import('n8n-workflow').IWorkflowExecuteAdditionalData} */ (
			/** @type {unknown} */ ({
				credentialsHelper: engine.credentialsHelper,
				webhookBaseUrl: WEBHOOK_BASE_URL,
				webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
				instanceBaseUrl: 'http://127.0.0.1:5678/',
				restApiUrl: 'http://127.0.0.1:5678/rest',
				variables: {},
				userId: 'webhook-engine-user',
				...fields,
			})
		);
	}

	let current = parameters;
	const methods = /** @type {any} */ (nodeType).webhookMethods.default;

	/**
	 * @param {'checkExists' | 'create' | 'delete'} method
	 * @param {'trigger' | 'manual'} [mode]
	 */
	async function hook(method, mode = 'trigger') {
		const { node, workflow } = workflowWith(current);
		const context = new HookContext(workflow, node, additionalData(), mode, 'activate');
		return await methods[method].call(context);
	}

	/**
	 * One call to the webhook, as n8n hands it over: the raw bytes, the parsed body and headers.
	 * @param {{ rawBody?: Buffer, body?: unknown, headers?: Record<string, unknown> }} call
	 */
	async function receive(call) {
		const { node, workflow } = workflowWith(current);
		const rawBody = call.rawBody ?? Buffer.from(JSON.stringify(call.body ?? {}));
		let body = call.body;
		if (body === undefined) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = {};
			}
		}
		/** @type {{ status: number | undefined, body: unknown }} */
		const answer = { status: undefined, body: undefined };
		const response = {
			status(/** @type {number} */ code) {
				answer.status = code;
				return response;
			},
			json(/** @type {unknown} */ payload) {
				answer.body = payload;
				return response;
			},
			send(/** @type {unknown} */ payload) {
				answer.body = payload;
				return response;
			},
		};
		const request = { body, rawBody, headers: call.headers ?? {}, params: {}, query: {} };
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${webhookId}/webhook`,
			webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' },
			workflowId,
			workflowExecuteAdditionalData: additionalData(),
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData({ httpRequest: request, httpResponse: response }),
			'webhook',
			/** @type {any} */ (webhookData),
			[],
			null,
		);
		const result = await nodeType.webhook?.call(context);
		return { ...answer, result };
	}

	return {
		hook,
		receive,
		staticData,
		/** The node's static data, as n8n stores it for the node. */
		nodeState: () => /** @type {Record<string, any>} */ (staticData)['node:Walmart Webhook'] ?? {},
		setParameters: (/** @type {Record<string, unknown>} */ next) => {
			current = next;
		},
		url: `${WEBHOOK_BASE_URL}/${webhookId}/webhook`,
	};
}

module.exports = { createWebhookEngine, WEBHOOK_ID };
