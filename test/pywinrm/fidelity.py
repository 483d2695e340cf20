"""pywinrm (Debian python3-winrm), an independent WinRM client, against hvscan's WinRM simulator.

Usage: fidelity.py <endpoint> <auth: basic|ntlm> <username> <ca-file or ''> <expected marker> <launch command> <stdin file>
Prints one JSON object: run_ps output, and the output of the hvscan launch (Command + Send stdin + Receive) driven
through pywinrm's Protocol, so the simulator's framing, NTLM and encryption are checked by code we did not write.
The password comes from the environment (WINRM_PASSWORD), never from the command line.
"""
import base64
import json
import os
import sys
import xmltodict

import winrm
from winrm.protocol import Protocol

endpoint, auth, username, ca_file, marker, launch, stdin_file = sys.argv[1:8]
password = os.environ["WINRM_PASSWORD"]
# NTLM over plain HTTP must seal every message; over HTTPS pywinrm relies on TLS (and sends channel binding).
encryption = "always" if auth == "ntlm" and endpoint.startswith("http:") else "auto"
options = dict(transport=auth, message_encryption=encryption)
if endpoint.startswith("https"):
    options.update(server_cert_validation="validate", ca_trust_path=ca_file)

session = winrm.Session(endpoint, auth=(username, password), **options)
ps = session.run_ps("Write-Output '%s'" % marker)

protocol = Protocol(endpoint=endpoint, username=username, password=password, **options)
shell_id = protocol.open_shell(codepage=65001, noprofile=True)
# Console mode off, as Ansible's winrm connection does when it pipes stdin: a console stdin never reaches end-of-file.
command_id = protocol.run_command(shell_id, launch, console_mode_stdin=False)
with open(stdin_file, "rb") as f:
    stdin = f.read()
req = {"env:Envelope": protocol._get_soap_header(
    resource_uri="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd",
    action="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send",
    shell_id=shell_id)}
req["env:Envelope"].setdefault("env:Body", {})["rsp:Send"] = {
    "rsp:Stream": {"@Name": "stdin", "@CommandId": command_id, "@End": "true",
                   "#text": base64.b64encode(stdin).decode("ascii")}}
protocol.send_message(xmltodict.unparse(req))
stdout, stderr, code = protocol.get_command_output(shell_id, command_id)
protocol.cleanup_command(shell_id, command_id)
protocol.close_shell(shell_id)

print(json.dumps({
    "runPs": {"stdout": ps.std_out.decode("utf-8"), "stderr": ps.std_err.decode("utf-8"), "status": ps.status_code},
    "launch": {"stdout": stdout.decode("utf-8"), "stderr": stderr.decode("utf-8"), "status": code},
}))
