/** Hand-written vim25 SOAP responses shaped like ESXi 8.0.3's, for the HTTP-level error tests. */
const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

export function soapResponse(method: string, returnval: string): string {
  return `${ENVELOPE_OPEN}<${method}Response xmlns="urn:vim25">${returnval}</${method}Response>${ENVELOPE_CLOSE}`;
}

export function soapFault(fault: string, message: string): string {
  return (
    `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>${message}</faultstring>` +
    `<detail><${fault}Fault xmlns="urn:vim25" xsi:type="${fault}"></${fault}Fault></detail></soapenv:Fault>${ENVELOPE_CLOSE}`
  );
}

export const SERVICE_CONTENT = soapResponse(
  'RetrieveServiceContent',
  '<returnval><rootFolder type="Folder">ha-folder-root</rootFolder>' +
    '<propertyCollector type="PropertyCollector">ha-property-collector</propertyCollector>' +
    '<viewManager type="ViewManager">ViewManager</viewManager>' +
    '<about><name>VMware ESXi</name><fullName>VMware ESXi 8.0.3 build-24674464</fullName><vendor>VMware, Inc.</vendor>' +
    '<version>8.0.3</version><build>24674464</build><osType>vmnix-x86</osType><productLineId>embeddedEsx</productLineId>' +
    '<apiType>HostAgent</apiType><apiVersion>8.0.3.0</apiVersion></about>' +
    '<sessionManager type="SessionManager">ha-sessionmgr</sessionManager></returnval>',
);

export const LOGIN = soapResponse(
  'Login',
  '<returnval><key>52b0</key><userName>root</userName><fullName>root</fullName></returnval>',
);
export const LOGOUT = soapResponse('Logout', '');

/** One host with its product only: no configManager, so no manager calls follow. */
export const HOST_PROPERTIES = soapResponse(
  'RetrievePropertiesEx',
  '<returnval><objects><obj type="HostSystem">ha-host</obj>' +
    '<propSet><name>name</name><val xsi:type="xsd:string">esx01.lab</val></propSet>' +
    '<propSet><name>config.product</name><val xsi:type="AboutInfo"><name>VMware ESXi</name><version>8.0.3</version>' +
    '<build>24674464</build><apiType>HostAgent</apiType><apiVersion>8.0.3.0</apiVersion></val></propSet>' +
    '</objects></returnval>',
);

export const XML = { 'Content-Type': 'text/xml; charset=utf-8' };

/** Which vim25 method a SOAP request body calls. */
export function calls(method: string): (body: unknown) => boolean {
  return (body) => typeof body === 'string' && body.includes(`<${method} xmlns="urn:vim25">`);
}
