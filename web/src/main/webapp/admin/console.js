// The admin console: reads GET /api/cluster and GET /api/sessions, and calls
// DELETE /api/cluster/nodes/{node} and POST /api/cluster/leave after a confirmation.
// The browser sends the Basic credentials it authenticated this page with (same realm).
"use strict";

const api = "../api";

function duration(seconds) {
    if (seconds < 0) {
        return "?";
    }
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds / 3600) % 24,
        m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    const two = n => String(n).padStart(2, "0");
    if (d > 0) {
        return `${d}d${two(h)}h${two(m)}m${two(s)}s`;
    }
    if (h > 0) {
        return `${h}h${two(m)}m${two(s)}s`;
    }
    return m > 0 ? `${m}m${two(s)}s` : `${s}s`;
}

async function call(method, path) {
    const response = await fetch(api + path, {method, headers: {Accept: "application/json"}});
    let body = null;
    if ((response.headers.get("Content-Type") || "").startsWith("application/json")) {
        body = await response.json();
    }
    if (!response.ok) {
        const error = new Error(body && body.message ? body.message : `HTTP ${response.status}`);
        error.status = response.status;
        throw error;
    }
    return body;
}

function say(text, isError) {
    const message = document.getElementById("message");
    message.textContent = text;
    message.className = isError ? "error" : "";
}

function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
}

function button(label, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
}

async function removeNode(name) {
    if (!confirm(`Remove the session records of ${name} from the cluster?`)) {
        return;
    }
    const path = "/cluster/nodes/" + encodeURIComponent(name);
    try {
        let answer;
        try {
            answer = await call("DELETE", path);
        } catch (e) {
            if (e.status !== 409 || !confirm(`${e.message}\n\nForce the removal? Its clients stay`
                    + " connected but are missing from the session table until they reconnect.")) {
                throw e;
            }
            answer = await call("DELETE", path + "?force=true");
        }
        say(`Removed ${answer.removed} session records of ${name}.`);
    } catch (e) {
        say(e.message, true);
    }
    refresh();
}

async function leave(name) {
    let check;
    try {
        check = await call("POST", "/cluster/leave?dry-run=true");
    } catch (e) {
        say(e.message, true);
        return;
    }
    const where = check.redirect ? ` (TCP clients are told to reconnect to ${check.redirect})` : "";
    if (!confirm(`${name} leaves cluster ${check.fromCluster}. Its ${check.sessions} client`
            + ` sessions are disconnected${where}, and it restarts its clustering alone.`
            + "\n\nThis page then loses its connection for a while. Continue?")) {
        return;
    }
    try {
        const done = await call("POST", "/cluster/leave");
        say(`${name} left cluster ${done.fromCluster}; it restarts alone in cluster ${done.toCluster}.`);
    } catch (e) {
        say(e.message, true);
    }
}

function render(status, sessions) {
    const body = document.querySelector("#cluster tbody");
    body.replaceChildren();
    const local = status.nodes.find(n => n.local);
    document.getElementById("answered").textContent = local
        ? `Answered by ${local.name} (${local.address}).` : "";
    for (const node of status.nodes) {
        const row = document.createElement("tr");
        row.dataset.node = node.name;
        const answering = node.uptime >= 0;
        if (!answering) {
            row.className = "silent";
        }
        cell(row, node.name);
        cell(row, node.address);
        cell(row, String(node.sessions));
        cell(row, duration(node.uptime));
        const notes = [answering ? "running" : "not answering"];
        if (node.local) {
            notes.push("this node");
        }
        if (node.coordinator) {
            notes.push("coordinator");
        }
        cell(row, notes.join(", "));
        const actions = cell(row, "");
        if (node.local) {
            const b = button("Leave cluster", () => leave(node.name));
            b.disabled = status.nodes.length < 2;
            actions.appendChild(b);
        } else {
            actions.appendChild(button("Remove from cluster", () => removeNode(node.name)));
        }
        body.appendChild(row);
    }
    for (const node of status.absent || []) {
        const row = document.createElement("tr");
        row.dataset.node = node.name;
        row.className = "absent";
        cell(row, node.name);
        cell(row, "?");
        cell(row, String(node.sessions));
        cell(row, "?");
        cell(row, "not running (session records left)");
        cell(row, "").appendChild(button("Remove from cluster", () => removeNode(node.name)));
        body.appendChild(row);
    }
    const list = sessions.sessions || [];
    const users = new Set(list.map(s => s.jid.split("/")[0]));
    document.getElementById("users").textContent = String(users.size);
    document.getElementById("sessions").textContent = String(list.length);
    document.getElementById("nodes").textContent = String(status.nodes.length);
}

async function refresh() {
    try {
        const [status, sessions] = await Promise.all([call("GET", "/cluster"),
            call("GET", "/sessions")]);
        render(status, sessions);
        document.body.dataset.loaded = "true";
    } catch (e) {
        say(`The node does not answer: ${e.message}`, true);
    }
}

document.getElementById("refresh").addEventListener("click", refresh);
refresh();
setInterval(refresh, 5000);
