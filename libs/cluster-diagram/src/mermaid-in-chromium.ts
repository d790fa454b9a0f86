// Renders Mermaid diagrams with the real Mermaid library (the pinned npm package's browser bundle) in Debian's
// headless Chromium, the way GitHub's viewer does, so a diagram that would show "Syntax error" fails a test
// instead. Chromium comes from the Debian package the toolchain installs (`npm run toolchain`); Playwright never
// downloads a browser here. Tests only: the production paths never load playwright-core.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Debian's chromium package puts its launcher here. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface MermaidRenderResult {
  /** What the caller named the diagram (e.g. its file). */
  readonly name: string;
  /** Mermaid's own error message; undefined when the diagram rendered. */
  readonly error?: string;
  /** Size of the SVG Mermaid produced. */
  readonly svgLength: number;
}

export interface MermaidInChromiumOptions {
  /** Also save a PNG of the first diagram here (to look at the picture). */
  readonly screenshotPath?: string;
  /** @default DEBIAN_CHROMIUM */
  readonly executablePath?: string;
}

/** Renders each diagram; never throws for a broken diagram (its `error` says why), only when Chromium cannot start. */
export async function renderMermaidInChromium(
  diagrams: readonly { readonly name: string; readonly text: string }[],
  options: MermaidInChromiumOptions = {},
): Promise<MermaidRenderResult[]> {
  const executablePath = options.executablePath ?? DEBIAN_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: run \`npm run toolchain\` as root (it installs the Debian package chromium)`,
    );
  }
  const { chromium } = await import('playwright-core');
  const mermaidBundle = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent(
      '<!doctype html><html><body style="margin:0;background:#fff"><div id="out"></div></body></html>',
    );
    await page.addScriptTag({ path: mermaidBundle });
    const results = await page.evaluate(
      async (inputs) => {
        const mermaid = (globalThis as unknown as { mermaid: MermaidApi }).mermaid;
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: 'strict',
          flowchart: { htmlLabels: true, useMaxWidth: false },
        });
        const out: { name: string; error?: string; svg: string }[] = [];
        for (const [index, input] of inputs.entries()) {
          try {
            const { svg } = await mermaid.render(`diagram${index}`, input.text);
            out.push({ name: input.name, svg });
          } catch (error) {
            out.push({ name: input.name, error: error instanceof Error ? error.message : String(error), svg: '' });
          }
        }
        return out;
      },
      diagrams.map((diagram) => ({ name: diagram.name, text: diagram.text })),
    );
    if (options.screenshotPath !== undefined && results[0]?.svg) {
      // Runs in the page, where `document` exists; this project compiles without the DOM library.
      await page.evaluate((svg) => {
        const page = globalThis as unknown as { document: { getElementById(id: string): { innerHTML: string } } };
        page.document.getElementById('out').innerHTML = svg;
      }, results[0].svg);
      const svgElement = page.locator('#out svg');
      const box = await svgElement.boundingBox();
      if (box) await page.setViewportSize({ width: Math.ceil(box.width) + 20, height: Math.ceil(box.height) + 20 });
      await svgElement.screenshot({ path: options.screenshotPath });
    }
    return results.map((result) => ({
      name: result.name,
      ...(result.error !== undefined ? { error: result.error } : {}),
      svgLength: result.svg.length,
    }));
  } finally {
    await browser.close();
  }
}

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
