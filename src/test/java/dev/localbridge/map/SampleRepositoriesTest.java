package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two small repositories built differently: a Python CLI and a TypeScript server. */
class SampleRepositoriesTest {
    static Repo pythonCli(Path root) {
        return new Repo(root).with(
                "pyproject.toml", """
                        [build-system]
                        requires = ["hatchling"]
                        build-backend = "hatchling.build"

                        [project]
                        name = "inventory"
                        dependencies = [
                            "click>=8",
                        ]

                        [project.scripts]
                        inventory = "inventory.cli:main"

                        [tool.pytest.ini_options]
                        testpaths = ["tests"]
                        """,
                "src/inventory/__init__.py", "",
                "src/inventory/cli.py", """
                        import argparse
                        from inventory.store import Store

                        def main():
                            parser = argparse.ArgumentParser(prog="inventory")
                            parser.add_argument("db")
                            Store(parser.parse_args().db).list()

                        if __name__ == "__main__":
                            main()
                        """,
                "src/inventory/store.py", """
                        import sqlite3

                        class Store:
                            def __init__(self, path):
                                self.db = sqlite3.connect(path)
                        """,
                "src/inventory/sync/__init__.py", "",
                "src/inventory/sync/rsync.py", """
                        import subprocess

                        def push(target):
                            subprocess.run(["rsync", "-a", ".", target], check=True)
                        """,
                "tests/test_store.py", """
                        from inventory.store import Store

                        def test_opens(tmp_path):
                            Store(str(tmp_path / "x.db"))
                        """,
                "config/settings.yaml", "db: inventory.db\n",
                ".env.example", "INVENTORY_DB=inventory.db\n");
    }

    static Repo typescriptServer(Path root) {
        return new Repo(root).with(
                "package.json", """
                        {"name": "orders-api", "main": "dist/index.js", "bin": {"orders": "./bin/orders.js"},
                         "scripts": {"build": "tsc", "start": "node dist/index.js", "test": "vitest run",
                                     "lint": "eslint ."},
                         "dependencies": {"express": "^4.19.0", "pg": "^8.11.0"}}
                        """,
                "tsconfig.json", "{\"compilerOptions\": {\"outDir\": \"dist\"}}",
                "src/index.ts", """
                        import express from 'express';
                        import { orders } from './routes/orders';

                        const app = express();
                        app.use('/orders', orders);
                        app.listen(3000);
                        """,
                "src/routes/orders.ts", """
                        import { Router } from 'express';
                        import { readFile } from 'node:fs/promises';
                        export const orders = Router();
                        orders.get('/', async (_req, res) => res.send(await readFile('orders.json', 'utf8')));
                        """,
                "src/routes/orders.test.ts", "import { test } from 'vitest';\ntest('lists', () => {});\n",
                "src/db/pool.ts", "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
                "src/jobs/export.ts", """
                        const { spawn } = require('child_process');
                        export function exportCsv() { return spawn('pg_dump', ['orders']); }
                        """,
                "bin/orders.js*", "#!/usr/bin/env node\n// Starts the orders API.\nrequire('../dist/index.js');\n",
                "Dockerfile", "FROM node:22\nCOPY . .\nEXPOSE 3000\nCMD [\"npm\", \"start\"]\n",
                "docker-compose.yml", "services:\n  api:\n    build: .\n  db:\n    image: postgres:16\n",
                ".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
    }

    @Test
    void python_cli_gets_pip_and_pytest_commands_and_its_console_script(@TempDir Path root) {
        String map = pythonCli(root).section(2000);
        assertThat(map).contains("- Project: `inventory`",
                "- Build: Python (pyproject.toml; build backend hatchling.build)");
        assertThat(map).contains("- install: `pip install -e .` (Python)", "- test: `pytest` (Python)");
        assertThat(Repo.line(map, "- main:")).contains("`src/inventory/cli.py` (__main__)");
        assertThat(Repo.line(map, "- CLI:")).contains("`src/inventory/cli.py` (argparse)");
        assertThat(Repo.line(map, "- installed command:")).contains("`inventory` (inventory.cli:main)");
    }

    @Test
    void python_packages_carry_their_side_effects(@TempDir Path root) {
        String map = pythonCli(root).section(2000);
        assertThat(map).contains("Python packages in `src/` (files):", "- `inventory` (3)", "- `inventory.sync` (2)");
        assertThat(Repo.line(map, "- databases:")).isEqualTo("- databases: `inventory`");
        assertThat(Repo.line(map, "- processes:")).isEqualTo("- processes: `inventory.sync`");
        assertThat(Repo.line(map, "- network:")).isEmpty();
        assertThat(Repo.line(map, "- Tests:")).contains("`tests/` (Python 1)");
        assertThat(map).contains("### Config files\n- `.env.example`, `config/settings.yaml`");
    }

    @Test
    void typescript_server_gets_npm_commands_and_its_express_entry_point(@TempDir Path root) {
        String map = typescriptServer(root).section(2000);
        assertThat(map).contains("- Build: npm (package.json; TypeScript (tsconfig.json))");
        assertThat(map).contains("- install: `npm install` (npm)", "- build: `npm run build` (npm)",
                "- test: `npm test` (npm)", "- run: `npm start` (npm)");
        assertThat(map).contains("- npm scripts (package.json): build, lint, start, test");
        assertThat(Repo.line(map, "- server:")).isEqualTo("- server: `src/index.ts` (Express)");
        assertThat(Repo.line(map, "- installed command:")).isEqualTo("- installed command: `orders` (bin/orders.js)");
        assertThat(Repo.line(map, "- main:")).isEqualTo("- main: `dist/index.js` (package.json main)");
        assertThat(map).contains("- script: `bin/orders.js` — Starts the orders API.");
    }

    @Test
    void typescript_source_folders_carry_their_side_effects(@TempDir Path root) {
        String map = typescriptServer(root).section(2000);
        assertThat(map).contains("TypeScript source folders (files):", "- `src/routes` (1)", "- `src/db` (1)");
        assertThat(Repo.line(map, "- network:")).isEqualTo("- network: `src`, `src/routes`");
        assertThat(Repo.line(map, "- files:")).isEqualTo("- files: `src/routes`");
        assertThat(Repo.line(map, "- databases:")).isEqualTo("- databases: `src/db`");
        assertThat(Repo.line(map, "- processes:")).isEqualTo("- processes: `src/jobs`");
        assertThat(Repo.line(map, "- Tests:")).isEqualTo("- Tests: beside the code (TypeScript 1)");
    }

    @Test
    void typescript_server_lists_ci_and_containers(@TempDir Path root) {
        String map = typescriptServer(root).section(2000);
        assertThat(map).contains("- CI: `.github/workflows/ci.yml`");
        assertThat(map).contains("- containers: `Dockerfile` (EXPOSE 3000), `docker-compose.yml` (services: api, db)");
        assertThat(map).doesNotContain("### Config files");
    }
}
