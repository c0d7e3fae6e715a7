import type { INodeProperties } from 'n8n-workflow';

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const simplifyOutput: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Options shared by Order Get and Get Many. */
export const orderReadOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Product Info',
			name: 'productInfo',
			type: 'boolean',
			default: false,
			description: 'Whether Walmart should add the item image URL and weight to each line',
		},
		{
			displayName: 'Include Replacement Info',
			name: 'replacementInfo',
			type: 'boolean',
			default: false,
			description: 'Whether Walmart should add the order type and the original customer order ID',
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'order',
			options: [
				{ name: 'One Item per Order', value: 'order' },
				{ name: 'One Item per Order Line', value: 'line' },
			],
		},
	],
};

/** The order line number field of every per-line write. */
export const orderLineNumberField: INodeProperties = {
	displayName: 'Line Number',
	name: 'lineNumber',
	type: 'string',
	default: '',
	placeholder: '1',
	description: 'The order line number (lineNumber in Get Order)',
};
