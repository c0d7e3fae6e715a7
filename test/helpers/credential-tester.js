// @ts-check
/**
 * The editor's "Test" button, in-process: mirrors what n8n 2.41.1's CredentialsTester does with
 * a credential that declares `test` (packages/cli/src/services/credentials-tester.service.ts,
 * runRequestTest): defaults are applied to the data, a mock node named like the loaded NoOp node
 * ("noOp") gets one property routed to the test request, n8n-core's RoutingNode sends it through
 * httpRequestWithAuthentication, and errors and rules become { status, message }.
 *
 * The credentials helper mirrors n8n's (packages/cli/src/credentials-helper.ts): preAuthentication
 * runs when the expirable field is empty, after a 401, or when the node is the tester's mock NoOp
 * node. n8n names that node by the loaded NoOp's description name, "noOp", while the check looks
 * for "n8n-nodes-base.noOp", so in 2.41.1 a stored token is used as it is; this mirror keeps that.
 */
const { RoutingNode, ExecuteContext } = require('n8n-core');
const {
	Workflow,
	ICredentialsHelper,
	NodeHelpers,
	createEmptyRunExecutionData,
} = require('n8n-workflow');
const { loadPackage, CREDENTIAL_TYPE } = require('./engine');

/** @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} CredentialData */
/** @typedef {import('n8n-workflow').ICredentialType} CredentialType */

/** The loaded NoOp node's description name and version, as the tester copies them. */
const NO_OP = { name: 'noOp', displayName: 'No Operation, do nothing', version: 1 };

class TesterCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {CredentialType} type
	 * @param {Record<string, CredentialData>} store stored credentials by id
	 */
	constructor(type, store) {
		super();
		this.type = type;
		this.store = store;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	/** @type {ICredentialsHelper['authenticate']} */
	async authenticate(credentials, _typeName, requestOptions) {
		if (typeof this.type.authenticate !== 'function') throw new Error('function form expected');
		return await this.type.authenticate(
			credentials,
			/** @type {import('n8n-workflow').IHttpRequestOptions} */ (requestOptions),
		);
	}

	/** @type {ICredentialsHelper['preAuthentication']} */
	async preAuthentication(helpers, credentials, _typeName, node, credentialsExpired) {
		const expirable = this.type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof this.type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) {
			return undefined;
		}
		// n8n hands preAuthentication only httpRequest (restrictToCredentialDomains).
		const restricted = { helpers: { httpRequest: helpers.helpers.httpRequest } };
		const output = /** @type {CredentialData} */ (
			await this.type.preAuthentication.call(restricted, credentials)
		);
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[CREDENTIAL_TYPE];
		if (details?.id && this.store[details.id]) {
			this.store[details.id] = { ...this.store[details.id], ...output };
		}
		return Object.assign(credentials, output);
	}

	/** @type {ICredentialsHelper['runPreAuthentication']} */
	async runPreAuthentication() {
		return undefined;
	}

	/** @type {ICredentialsHelper['getCredentials']} */
	async getCredentials() {
		throw new Error('the credential test does not load credentials by id');
	}

	/** @type {ICredentialsHelper['getDecrypted']} */
	async getDecrypted() {
		throw new Error('the credential test passes the decrypted credential itself');
	}

	/** @type {ICredentialsHelper['updateCredentials']} */
	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.type.properties;
	}
}

/**
 * @param {{ message?: unknown, cause?: any }} error
 * @param {import('n8n-workflow').ICredentialTestRequest} testRequest
 * @returns {{ status: 'OK' | 'Error', message: string }}
 */
function resultFromError(error, testRequest) {
	if (error.cause?.response) {
		const statusCode = error.cause.response.status;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (statusCode < 199 || statusCode > 299) {
			return {
				status: 'Error',
				message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
			};
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: String(error.cause.code) };
	}
	return { status: 'Error', message: String(error.message) };
}

/**
 * The value at a dotted path such as `errors.error[0].code`, as lodash's get reads it.
 * @param {unknown} value
 * @param {string} path
 * @returns {unknown}
 */
function valueAt(value, path) {
	return path
		.split(/[.[\]]+/)
		.filter((key) => key !== '')
		.reduce(
			(current, key) =>
				current !== null && typeof current === 'object'
					? /** @type {Record<string, unknown>} */ (current)[key]
					: undefined,
			value,
		);
}

/**
 * A tester bound to one stored credential, whose token the test (or a workflow) may update.
 * @param {CredentialData} stored the credential as saved
 */
async function createCredentialTester(stored) {
	const loader = await loadPackage();
	const type = /** @type {CredentialType} */ (loader.credentialTypes[CREDENTIAL_TYPE].type);
	const declared = type.test;
	if (!declared) throw new Error('the credential declares no test request');
	/** @type {import('n8n-workflow').ICredentialTestRequest} */
	const testRequest = declared;
	const credentialId = 'walmart-credential-under-test';
	/** @type {Record<string, CredentialData>} */
	const store = { [credentialId]: { ...stored } };
	const credentialsHelper = new TesterCredentialsHelper(type, store);

	/**
	 * Runs the test as the editor does after Save: on the data the form holds.
	 * @param {CredentialData} [data] defaults to the stored credential
	 */
	async function test(data = store[credentialId]) {
		const withDefaults = /** @type {CredentialData} */ (
			NodeHelpers.getNodeParameters(
				type.properties,
				/** @type {import('n8n-workflow').INodeParameters} */ ({ ...data }),
				true,
				false,
				null,
				null,
			)
		);
		const credentialsDecrypted = {
			id: credentialId,
			name: 'Walmart under test',
			type: CREDENTIAL_TYPE,
			data: withDefaults,
		};
		const nodeTypeCopy = /** @type {import('n8n-workflow').INodeType} */ ({
			description: {
				...NO_OP,
				group: ['organization'],
				description: 'No Operation',
				defaults: { name: 'No Operation, do nothing' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: CREDENTIAL_TYPE, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: testRequest.request },
						default: '',
					},
				],
			},
		});
		/** @type {import('n8n-workflow').INode} */
		const node = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: NO_OP.name,
			typeVersion: NO_OP.version,
			position: [0, 0],
			credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Walmart under test' } },
		};
		const nodeTypes = /** @type {import('n8n-workflow').INodeTypes} */ ({
			getByName: () => nodeTypeCopy,
			getByNameAndVersion: () => nodeTypeCopy,
			getKnownTypes: () => ({}),
		});
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const additionalData = /** @type {import('n8n-workflow').IWorkflowExecuteAdditionalData} */ (
			/** @type {unknown} */ ({
				credentialsHelper,
				restApiUrl: 'http://localhost:5678/rest',
				instanceBaseUrl: 'http://localhost:5678/',
				formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
				webhookBaseUrl: 'http://localhost:5678/webhook',
				webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
				webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
				currentNodeParameters: node.parameters,
				variables: {},
				userId: 'credential-test-user',
			})
		);
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			createEmptyRunExecutionData(),
			0,
			[],
			{ main: [[{ json: {} }]] },
			{ node, data: {}, source: null },
			[],
		);
		const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);
		/** @type {any} */
		let response;
		try {
			await workflow.expression.acquireIsolate();
			response = await routingNode.runNode();
		} catch (error) {
			return resultFromError(/** @type {any} */ (error), testRequest);
		} finally {
			await workflow.expression.releaseIsolate();
		}
		for (const rule of testRequest.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			if (valueAt(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	return {
		test,
		/** The credential as n8n would have it stored now (token included). */
		stored: () => store[credentialId],
		/** @param {CredentialData} data */
		save: (data) => {
			store[credentialId] = { ...data };
		},
	};
}

module.exports = { createCredentialTester };
