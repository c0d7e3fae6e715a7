import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as order from './actions/order/Order.resource';
import * as walmartReturn from './actions/return/Return.resource';
import { router } from './actions/router';

export class WalmartMarketplace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Walmart Marketplace',
		name: 'walmartMarketplace',
		icon: { light: 'file:walmart.svg', dark: 'file:walmart.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and manage Walmart Marketplace orders and returns',
		defaults: { name: 'Walmart Marketplace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'walmartMarketplaceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Order', value: 'order' },
					{ name: 'Return', value: 'return' },
				],
				default: 'order',
			},
			...order.description,
			...walmartReturn.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
