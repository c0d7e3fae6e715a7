// @ts-check
/**
 * Runs workflows through n8n-core's real WorkflowExecute with this package's built nodes and
 * credential. n8n's own node test harness is unpublished and skips preAuthentication, so this
 * credentials helper mirrors what the n8n server does: exchange the token when the expirable
 * field is empty or after a 401, persist it, and apply the credential's authenticate().
 */
const os = require('node:os');
const path = require('node:path');

// n8n-core keeps an instance key in its user folder; keep it out of the developer's home.
process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'walmart-engine-tests');

const {
	PackageDirectoryLoader,
	PollContext,
	WorkflowExecute,
	ExecutionLifecycleHooks,
	Credentials,
} = require('n8n-core');
const { Workflow, ICredentialsHelper, LoggerProxy } = require('n8n-workflow');

// The engine logs every node error; the tests assert on them instead.
const quiet = () => {};
LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet });

const PACKAGE_DIR = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-walmart-marketplace';
const CREDENTIAL_TYPE = 'walmartMarketplaceApi';

/** @type {Promise<PackageDirectoryLoader> | undefined} */
let loaderPromise;

function loadPackage() {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		return loader;
	})();
	return loaderPromise;
}

/**
 * @param {PackageDirectoryLoader} loader
 * @returns {import('n8n-workflow').INodeTypes}
 */
function nodeTypesOf(loader) {
	/** @param {string} name */
	const get = (name) => {
		const shortName = name.startsWith(`${PACKAGE_NAME}.`)
			? name.slice(PACKAGE_NAME.length + 1)
			: name;
		const entry = loader.nodeTypes[shortName] ?? loader.nodeTypes[name];
		if (!entry) throw new Error(`Unknown node type ${name}`);
		return /** @type {import('n8n-workflow').INodeType} */ (entry.type);
	};
	return {
		getByName: get,
		getByNameAndVersion: (name) => get(name),
		getKnownTypes: () => ({}),
	};
}

class TestCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {PackageDirectoryLoader} loader
	 * @param {Record<string, import('n8n-workflow').ICredentialDataDecryptedObject>} store keyed by credential id
	 */
	constructor(loader, store) {
		super();
		this.loader = loader;
		this.store = store;
		/** How often each stored credential was written back (a token refresh persists). */
		this.updates = 0;
	}

	/** @param {string} name */
	credentialType(name) {
		const entry = this.loader.credentialTypes[name];
		if (!entry) throw new Error(`Unknown credential type ${name}`);
		return /** @type {import('n8n-workflow').ICredentialType} */ (entry.type);
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	/** @type {ICredentialsHelper['authenticate']} */
	async authenticate(credentials, typeName, requestOptions) {
		const type = this.credentialType(typeName);
		if (typeof type.authenticate !== 'function') {
			throw new Error('This harness only applies function-form authenticate()');
		}
		return await type.authenticate(
			credentials,
			/** @type {import('n8n-workflow').IHttpRequestOptions} */ (requestOptions),
		);
	}

	/** @type {ICredentialsHelper['preAuthentication']} */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.credentialType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = /** @type {import('n8n-workflow').ICredentialDataDecryptedObject} */ (
			await type.preAuthentication.call(helpers, credentials)
		);
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details?.id) {
			this.store[details.id] = { ...this.store[details.id], ...output };
			this.updates++;
		}
		return Object.assign(credentials, output);
	}

	/** @type {ICredentialsHelper['runPreAuthentication']} */
	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.credentialType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return /** @type {import('n8n-workflow').ICredentialDataDecryptedObject} */ (
			await type.preAuthentication.call(helpers, credentials)
		);
	}

	/** @type {ICredentialsHelper['getCredentials']} */
	async getCredentials(nodeCredentials, type) {
		const credentials = new Credentials(
			{ id: nodeCredentials.id ?? null, name: nodeCredentials.name },
			type,
		);
		return credentials;
	}

	/** @type {ICredentialsHelper['getDecrypted']} */
	async getDecrypted(_additionalData, nodeCredentials) {
		const id = nodeCredentials.id ?? '';
		if (!this.store[id]) throw new Error(`No credential stored with id ${id}`);
		// A copy, as n8n decrypts a fresh object for every node run.
		return { ...this.store[id] };
	}

	/** @type {ICredentialsHelper['updateCredentials']} */
	async updateCredentials(nodeCredentials, _type, data) {
		this.store[nodeCredentials.id ?? ''] = { ...data };
		this.updates++;
	}

	async updateCredentialsOauthTokenData() {}

	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.credentialType(type).properties;
	}
}

/**
 * Fields of IWorkflowExecuteAdditionalData that a node run reads. Anything else the engine asks
 * for gets a clear failure instead of silently returning undefined.
 * @param {object} fields
 */
function additionalDataWith(fields) {
	return /** @type {import('n8n-workflow').IWorkflowExecuteAdditionalData} */ (
		/** @type {unknown} */ ({
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			variables: {},
			userId: 'engine-test-user',
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
			logAiEvent: () => {},
			getRunExecutionData: async () => undefined,
			...fields,
		})
	);
}

/**
 * An engine bound to one emulator credential. Runs a single Walmart Marketplace node as the
 * start node of a workflow, fed with the given input items.
 * @param {{ baseUrl: string, clientId: string, clientSecret: string, market?: string }} emulator
 * @param {{ triggerStaticData?: import('n8n-workflow').IDataObject }} [options] the trigger
 *   workflow's static data to start from, as n8n loads it after a restart
 */
async function createEngine(emulator, options = {}) {
	const loader = await loadPackage();
	const nodeTypes = nodeTypesOf(loader);
	const credentialId = 'walmart-credential-1';
	/** @type {Record<string, import('n8n-workflow').ICredentialDataDecryptedObject>} */
	const store = {
		[credentialId]: {
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			environment: 'custom',
			customBaseUrl: emulator.baseUrl,
			market: emulator.market ?? 'us',
			channelType: '',
			accessToken: '',
		},
	};
	const credentialsHelper = new TestCredentialsHelper(loader, store);

	/**
	 * @param {Record<string, unknown>} parameters the node's parameters
	 * @param {{ items?: Array<Record<string, unknown>>, continueOnFail?: boolean }} [options]
	 */
	async function runNode(parameters, options = {}) {
		const node = {
			id: 'walmart-node',
			name: 'Walmart Marketplace',
			type: `${PACKAGE_NAME}.walmartMarketplace`,
			typeVersion: 1,
			position: /** @type {[number, number]} */ ([0, 0]),
			parameters: /** @type {import('n8n-workflow').INodeParameters} */ (parameters),
			credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Walmart emulator' } },
			...(options.continueOnFail
				? { onError: /** @type {const} */ ('continueRegularOutput') }
				: {}),
		};
		const workflow = new Workflow({
			id: 'engine-test',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: false,
			settings: { timezone: 'UTC' },
		});
		const hooks = new ExecutionLifecycleHooks('manual', 'engine-test-execution', {
			id: 'engine-test',
			name: 'engine test',
			active: false,
			isArchived: false,
			nodes: [node],
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		});
		/** @type {(run: import('n8n-workflow').IRun) => void} */
		let resolveRun = () => {};
		/** @type {Promise<import('n8n-workflow').IRun>} */
		const finished = new Promise((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
		const additionalData = additionalDataWith({ hooks, credentialsHelper });
		const items = (options.items ?? [{}]).map((json) => ({ json }));
		/** @type {import('n8n-workflow').IRunExecutionData} */
		const runExecutionData = /** @type {any} */ ({
			version: 1,
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		});
		const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		await execute.processRunExecutionData(workflow);
		const run = await finished;
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const error = run.data.resultData.error ?? taskData?.error;
		const output = taskData?.data?.main?.[0] ?? [];
		return { status: run.status, error, items: output, run };
	}

	/** @type {import('n8n-workflow').IDataObject} Static data of the trigger's workflow, kept between polls as n8n keeps it. */
	const triggerStaticData = options.triggerStaticData ?? {};

	/**
	 * Runs one poll of the Walmart Marketplace Trigger, as n8n's poller does.
	 * @param {Record<string, unknown>} parameters
	 * @param {'trigger' | 'manual'} [mode]
	 */
	async function poll(parameters, mode = 'trigger') {
		const node = {
			id: 'walmart-trigger',
			name: 'Walmart Marketplace Trigger',
			type: `${PACKAGE_NAME}.walmartMarketplaceTrigger`,
			typeVersion: 1,
			position: /** @type {[number, number]} */ ([0, 0]),
			parameters: /** @type {import('n8n-workflow').INodeParameters} */ (parameters),
			credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Walmart emulator' } },
		};
		const workflow = new Workflow({
			id: 'engine-trigger-test',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: true,
			staticData: triggerStaticData,
			settings: { timezone: 'UTC' },
		});
		const additionalData = additionalDataWith({ credentialsHelper });
		const context = new PollContext(workflow, node, additionalData, mode, 'activate');
		const nodeType = nodeTypes.getByNameAndVersion(node.type, 1);
		if (!nodeType.poll) throw new Error('the trigger has no poll()');
		const output = await nodeType.poll.call(context);
		return output?.[0] ?? [];
	}

	return {
		runNode,
		poll,
		/** The trigger node's static data, as n8n stores it between polls. */
		triggerState: () =>
			/** @type {Record<string, any>} */ (triggerStaticData)['node:Walmart Marketplace Trigger'],
		/** The whole static data of the trigger's workflow, as n8n would save it. */
		triggerStaticData: () => triggerStaticData,
		credentialsHelper,
		/** The credential as n8n would have it stored now (token included). */
		storedCredential: () => store[credentialId],
	};
}

module.exports = { createEngine, loadPackage, PACKAGE_DIR, CREDENTIAL_TYPE };
