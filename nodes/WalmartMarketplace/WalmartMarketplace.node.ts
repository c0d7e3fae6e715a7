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
		// The canvas line under the node, e.g. "Cancel Lines: 1796277083022" or "Get Many Orders".
		// The editor evaluates it without run data, so it reads $rawParameter: an ID typed as fixed
		// text is shown, one given as an expression (no value before a run) is left out. The lint
		// wants one string literal, hence the line continuations; "}}" must not occur inside.
		subtitle:
			'={{ (({ \
				"order.acknowledge": "Acknowledge", "order.cancelLines": "Cancel Lines", \
				"order.get": "Get Order", "order.getAll": "Get Many Orders", \
				"order.refundLines": "Refund Lines", "order.shipLines": "Ship Lines", \
				"order.updateTracking": "Update Tracking", \
				"return.getAll": "Get Many Returns", "return.refund": "Refund Return" \
			})[($rawParameter.resource || "order") + "." + ($rawParameter.operation || "getAll")] \
				|| $rawParameter.operation) + \
			[($rawParameter.resource || "order") === "return" \
				? ($rawParameter.operation === "refund" ? $rawParameter.returnOrderId : "") \
				: (["get", "acknowledge", "cancelLines", "refundLines", "shipLines", "updateTracking"] \
					.includes($rawParameter.operation) ? $rawParameter.purchaseOrderId : "")] \
				.filter((id) => typeof id === "string" && id.trim() !== "" && !id.startsWith("=")) \
				.map((id) => ": " + id.trim()).join("") }}',
		description: 'Read, fulfil and manage Walmart Marketplace orders and returns',
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
