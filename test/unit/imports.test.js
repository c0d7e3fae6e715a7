// @ts-check
/** The code map's import rules (README, "Code map"), checked on the TypeScript sources. */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} dir @returns {string[]} */
function sources(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** @param {string} file @returns {string[]} absolute paths of its relative imports */
function importsOf(file) {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(/from '(\.[^']+)'/g)].map((match) =>
		path.resolve(path.dirname(file), match[1]),
	);
}

const files = [...sources(path.join(ROOT, 'nodes')), ...sources(path.join(ROOT, 'credentials'))];
const rel = (/** @type {string} */ file) => path.relative(ROOT, file);

test('nothing the package ships imports the emulator or the tests', () => {
	const bad = files.flatMap((file) =>
		importsOf(file)
			.filter((target) => /^(emulator|test)(\/|$)/.test(rel(target)))
			.map((target) => `${rel(file)} → ${rel(target)}`),
	);
	expect(bad).toEqual([]);
});

test('operations never import each other', () => {
	const bad = files
		.filter((file) => file.endsWith('.operation.ts'))
		.flatMap((file) =>
			importsOf(file)
				.filter((target) => target.endsWith('.operation'))
				.map((target) => `${rel(file)} → ${rel(target)}`),
		);
	expect(bad).toEqual([]);
});

test('transport and helpers never import operations, planners or the router', () => {
	const bad = files
		.filter((file) => /\/(transport|helpers)\//.test(file))
		.flatMap((file) =>
			importsOf(file)
				.filter((target) => /\/actions\//.test(target))
				.map((target) => `${rel(file)} → ${rel(target)}`),
		);
	expect(bad).toEqual([]);
});

test('planners stay pure: no n8n context and no transport calls', () => {
	const bad = files
		.filter((file) => file.endsWith('.plan.ts'))
		.filter((file) => {
			const text = fs.readFileSync(file, 'utf8');
			return /IExecuteFunctions|walmartApiRequest|httpRequest|from '\.\.\/\.\.\/transport'/.test(
				text,
			);
		})
		.map(rel);
	expect(bad).toEqual([]);
});
