// @ts-check
'use strict';

/**
 * Builds the package (`npm run build`) only when dist/ is missing or older than a source file, so
 * a second `npm start` or test run does not pay for a compile it does not need.
 */

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT } = require('./runtime');

const SOURCES = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'];

/**
 * Newest modification time of the files under the given paths (files or folders).
 * @param {string[]} paths
 */
function newestMtime(paths) {
	let newest = 0;
	/** @param {string} target */
	const visit = (target) => {
		let stat;
		try {
			stat = fs.statSync(target);
		} catch {
			return;
		}
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(target)) visit(path.join(target, entry));
		} else {
			newest = Math.max(newest, stat.mtimeMs);
		}
	};
	paths.forEach(visit);
	return newest;
}

/** Whether dist/ exists and is at least as new as every source file. */
function isBuildCurrent() {
	const dist = path.join(ROOT, 'dist');
	return (
		fs.existsSync(dist) &&
		newestMtime([dist]) >= newestMtime(SOURCES.map((name) => path.join(ROOT, name)))
	);
}

/**
 * @param {{ force?: boolean, log?: (message: string) => void }} [options]
 * @returns {boolean} whether a build ran
 */
function buildIfNeeded(options = {}) {
	const log = options.log ?? (() => {});
	if (!options.force && isBuildCurrent()) {
		log('package build is current (dist/ is newer than the sources)');
		return false;
	}
	log('building the package (npm run build)');
	const result = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (result.status !== 0) throw new Error('npm run build failed');
	return true;
}

module.exports = { buildIfNeeded, isBuildCurrent };
