import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '@app/shared';

/**
 * The folder of the page's files: beside this file when running from the sources (tests, tsx), beside the
 * bundle in a build, where nest-cli copies them (nest-cli.json, the api's `assets`).
 */
const PAGE_FOLDER = [join(__dirname, 'page'), join(__dirname, 'audit', 'page')].find((folder) => existsSync(join(folder, 'audit.html')));
if (PAGE_FOLDER === undefined) throw new Error(`The audit page's files (audit/page/audit.html) are not beside ${__dirname}`);

const read = (name: string): string => readFileSync(join(PAGE_FOLDER, name), 'utf8');
const PAGE_KIT = read('page-kit.js');
/** A page's script, after what both pages' scripts share (page-kit.js): still one script for each page to load. */
const pageScript = (name: string): string => `${PAGE_KIT}\n${read(name)}`;
const PAGE = {
  html: read('audit.html'),
  script: pageScript('audit-page.js'),
  style: read('audit-page.css'),
  steering: read('steering.html'),
  steeringScript: pageScript('steering-page.js'),
};

/**
 * The page auditors read a contract's decisions and its lots' ordered and delivered units on, and the steering
 * page buyers, auditors and Pôle emploi officers read a programme's progress on. Public: they hold no data;
 * their scripts ask the api for the data with the token the reader gives (which the api checks).
 */
@ApiExcludeController()
@Public()
@Controller('audit')
export class AuditPageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return PAGE.html;
  }

  @Get('audit-page.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return PAGE.script;
  }

  @Get('audit-page.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  style(): string {
    return PAGE.style;
  }

  @Get('steering')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  steering(): string {
    return PAGE.steering;
  }

  @Get('steering-page.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  steeringScript(): string {
    return PAGE.steeringScript;
  }
}
