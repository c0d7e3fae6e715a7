import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from './description';
import { pollWalmart } from './poll';

export class WalmartMarketplaceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Walmart Marketplace Trigger',
		name: 'walmartMarketplaceTrigger',
		icon: { light: 'file:walmart.svg', dark: 'file:walmart.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({ newOrder: "New Order", newReleasedOrder: "New Released Order", orderStatusChanged: "Order Status Changed", newReturn: "New Return", returnStatusChanged: "Return Status Changed" })[$rawParameter.event || "newOrder"] || $rawParameter.event }}',
		description:
			'Starts a workflow when Walmart Marketplace has new orders or returns, or their status changes',
		defaults: { name: 'Walmart Marketplace Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'walmartMarketplaceApi', required: true }],
		properties: triggerProperties,
		hints: [
			{
				message:
					'One item is emitted per new order or return, or per order or return whose status changed; a poll after a quiet spell or downtime can emit many.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'beforeExecution',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollWalmart(this);
	}
}
