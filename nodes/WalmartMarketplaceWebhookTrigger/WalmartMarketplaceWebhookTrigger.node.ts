import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { webhookTriggerProperties } from './description';
import { receiveNotification } from './receive';
import { createSubscription, removeSubscription, subscriptionExists } from './subscription';

export class WalmartMarketplaceWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Walmart Marketplace Webhook Trigger',
		name: 'walmartMarketplaceWebhookTrigger',
		icon: { light: 'file:walmart.svg', dark: 'file:walmart.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ [].concat($parameter.events || []).join(", ") }}',
		description:
			'Starts a workflow the moment Walmart sends an order or return notification, managing the subscription at Walmart',
		defaults: { name: 'Walmart Marketplace Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'walmartMarketplaceApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: webhookTriggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeSubscription(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveNotification(this);
	}
}
