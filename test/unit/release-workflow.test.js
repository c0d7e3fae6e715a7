// @ts-check
'use strict';

/**
 * The release workflow cannot run outside GitHub Actions, so this checks what can be checked
 * here: it is valid YAML, runs on version tags only, may mint the OIDC token, checks and builds
 * before it publishes, and publishes with provenance.
 */

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * js-yaml comes with eslint (through @eslint/eslintrc); it is not a dependency of its own.
 * @returns {{ load: (text: string) => unknown }}
 */
function yamlParser() {
	// A name in a variable: js-yaml has no type declarations, and the cast below is its type.
	const name = 'js-yaml';
	return require(name);
}

/**
 * @typedef {object} Step
 * @property {string} [name]
 * @property {string} [uses]
 * @property {string} [run]
 * @property {Record<string, string>} [with]
 * @property {Record<string, string>} [env]
 */

const workflow =
	/** @type {{ on: { push: { tags: string[], branches?: string[] } }, jobs: Record<string, { permissions: Record<string, string>, steps: Step[] }> }} */ (
		yamlParser().load(
			fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8'),
		)
	);
const [job] = Object.values(workflow.jobs);
const runs = job.steps.map((step) => step.run ?? '');
/** @param {RegExp} pattern */
const stepIndex = (pattern) => runs.findIndex((run) => pattern.test(run));

test('runs on version tags only', () => {
	expect(Object.keys(workflow.on)).toEqual(['push']);
	expect(workflow.on.push.branches).toBeUndefined();
	expect(workflow.on.push.tags.length).toBeGreaterThan(0);
});

test('may mint the OIDC token npm provenance is signed with, and nothing more', () => {
	expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
});

test('installs, builds, lints and scans before it publishes with provenance', () => {
	const publish = stepIndex(/npm publish --provenance --access public/);
	expect(publish).toBeGreaterThan(0);
	for (const before of [/^npm ci\b/, /npm run build/, /npm run lint/, /npm run scan/]) {
		const index = stepIndex(before);
		expect(index).toBeGreaterThanOrEqual(0);
		expect(index).toBeLessThan(publish);
	}
	const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
	expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
});
