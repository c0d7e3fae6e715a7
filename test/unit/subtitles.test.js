// @ts-check
'use strict';

/**
 * The canvas subtitles, evaluated the way the editor evaluates them: n8n-workflow's
 * `getSimpleParameterValue` on the node's parameters, with no run data.
 */

const { Workflow } = require('n8n-workflow');
const {
	WalmartMarketplace,
} = require('../../dist/nodes/WalmartMarketplace/WalmartMarketplace.node');
const {
	WalmartMarketplaceTrigger,
} = require('../../dist/nodes/WalmartMarketplaceTrigger/WalmartMarketplaceTrigger.node');
const {
	WalmartMarketplaceWebhookTrigger,
} = require('../../dist/nodes/WalmartMarketplaceWebhookTrigger/WalmartMarketplaceWebhookTrigger.node');

/** @type {Record<string, import('n8n-workflow').INodeType>} */
const types = {
	'n8n-nodes-walmart-marketplace.walmartMarketplace': new WalmartMarketplace(),
	'n8n-nodes-walmart-marketplace.walmartMarketplaceTrigger': new WalmartMarketplaceTrigger(),
	'n8n-nodes-walmart-marketplace.walmartMarketplaceWebhookTrigger':
		new WalmartMarketplaceWebhookTrigger(),
};

/** @type {import('n8n-workflow').INodeTypes} */
const nodeTypes = {
	getByName: (name) => types[name],
	getByNameAndVersion: (name) => types[name],
	getKnownTypes: () => ({}),
};

/**
 * @param {string} type
 * @param {import('n8n-workflow').INodeParameters} parameters
 */
function subtitle(type, parameters) {
	const fullType = `n8n-nodes-walmart-marketplace.${type}`;
	/** @type {import('n8n-workflow').INode} */
	const node = {
		id: '1',
		name: 'Walmart',
		type: fullType,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		String(types[fullType].description.subtitle),
		'internal',
		{},
	);
}

describe('Walmart Marketplace node', () => {
	test.each([
		[{}, 'Get Many Orders'],
		[{ resource: 'order', operation: 'getAll' }, 'Get Many Orders'],
		[
			{ resource: 'order', operation: 'get', purchaseOrderId: '1796277083022' },
			'Get Order: 1796277083022',
		],
		[
			{ resource: 'order', operation: 'cancelLines', purchaseOrderId: '1796277083022' },
			'Cancel Lines: 1796277083022',
		],
		[{ resource: 'order', operation: 'refundLines', purchaseOrderId: ' 42 ' }, 'Refund Lines: 42'],
		[{ resource: 'order', operation: 'acknowledge', purchaseOrderId: '42' }, 'Acknowledge: 42'],
		[{ resource: 'order', operation: 'shipLines', purchaseOrderId: '42' }, 'Ship Lines: 42'],
		[
			{ resource: 'order', operation: 'updateTracking', purchaseOrderId: '42' },
			'Update Tracking: 42',
		],
		[{ resource: 'return' }, 'Get Many Returns'],
		[{ resource: 'return', operation: 'refund', returnOrderId: '9001' }, 'Refund Return: 9001'],
	])('%j reads %j', (parameters, expected) => {
		expect(subtitle('walmartMarketplace', parameters)).toBe(expected);
	});

	test.each([
		['={{ $json.purchaseOrderId }}', 'an expression'],
		['', 'empty'],
	])('an ID that is %j (%s) is left out', (purchaseOrderId) => {
		expect(
			subtitle('walmartMarketplace', {
				resource: 'order',
				operation: 'cancelLines',
				purchaseOrderId,
			}),
		).toBe('Cancel Lines');
	});

	test('an operation it has no label for reads as its value', () => {
		expect(subtitle('walmartMarketplace', { resource: 'order', operation: 'archive' })).toBe(
			'archive',
		);
	});

	test('a filter on Get Many is not taken for the order the node works on', () => {
		expect(
			subtitle('walmartMarketplace', {
				resource: 'return',
				operation: 'getAll',
				returnOrderId: '9001',
			}),
		).toBe('Get Many Returns');
	});
});

describe('Walmart Marketplace Trigger', () => {
	test.each([
		[{}, 'New Order'],
		[{ event: 'newOrder' }, 'New Order'],
		[{ event: 'newReleasedOrder' }, 'New Released Order'],
		[{ event: 'newReturn' }, 'New Return'],
		[{ event: 'orderStatusChanged' }, 'Order Status Changed'],
		[{ event: 'returnStatusChanged' }, 'Return Status Changed'],
	])('%j reads %j', (parameters, expected) => {
		expect(subtitle('walmartMarketplaceTrigger', parameters)).toBe(expected);
	});
});

describe('Walmart Marketplace Webhook Trigger', () => {
	test.each([
		[{ events: ['ORDER_UPDATES', 'RETURN_CREATED'] }, 'ORDER_UPDATES, RETURN_CREATED'],
		[{ events: ['ORDER_UPDATES'] }, 'ORDER_UPDATES'],
		// A text (an imported or hand-edited workflow) must not break the canvas.
		[{ events: 'RETURN_CREATED' }, 'RETURN_CREATED'],
		[{ events: [] }, ''],
	])('%j reads %j', (parameters, expected) => {
		expect(subtitle('walmartMarketplaceWebhookTrigger', parameters)).toBe(expected);
	});
});
