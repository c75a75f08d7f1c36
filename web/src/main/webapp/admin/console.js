// The admin console: reads GET /api/cluster, GET /api/sessions and GET /api/cluster/settings,
// and calls DELETE /api/cluster/nodes/{node}, POST /api/cluster/leave and POST
// /api/cluster/join after a confirmation.
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

async function call(method, path, json) {
    const headers = {Accept: "application/json"};
    if (json !== undefined) {
        headers["Content-Type"] = "application/json";
    }
    const response = await fetch(api + path, {method, headers, body: json});
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

// join-cluster as bin/meerkatctl does it: the settings a member's console shows (GET
// /api/cluster/settings there), checked by this node (dry run), confirmed, then applied.
async function join() {
    const text = document.getElementById("join-settings").value.trim();
    let settings = null;
    try {
        settings = JSON.parse(text);
    } catch (e) {
        // reported below
    }
    if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
        say("Paste the settings exactly as the console of a member of the cluster to join shows"
            + " them: they are not a JSON object.", true);
        return;
    }
    let check;
    try {
        check = await call("POST", "/cluster/join?dry-run=true", text);
    } catch (e) {
        say(e.message, true);
        return;
    }
    if (!confirm(`${check.node} leaves cluster ${check.fromCluster} and joins cluster`
            + ` ${check.toCluster} of ${settings.node}. Its clustering restarts (a server reload,`
            + ` 10-30 s), which disconnects its ${check.sessions} client sessions. Continue?`)) {
        return;
    }
    try {
        const done = await call("POST", "/cluster/join", text);
        say(`${done.node} is joining cluster ${done.toCluster} of ${settings.node}; its clustering`
            + " restarts now. This page answers again once it is back.");
    } catch (e) {
        say(e.message, true);
    }
}

async function copySettings() {
    const text = document.getElementById("own-settings").value;
    try {
        await navigator.clipboard.writeText(text);
        say("The settings are copied.");
    } catch (e) {
        document.getElementById("own-settings").select();
        say("Copy the selected settings (the browser does not let the page do it).", true);
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
        cell(row, node.address || "?");
        cell(row, String(node.sessions));
        cell(row, "?");
        const seen = node.lastSeenSecondsAgo;
        // A running node writes its row every 10 s: a fresh row outside the view is a partition
        cell(row, seen < 0 ? "not running (session records left)"
            : `${seen < 30 ? "not in this view" : "not running"} (last seen ${duration(seen)} ago)`);
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
        const [status, sessions, settings] = await Promise.all([call("GET", "/cluster"),
            call("GET", "/sessions"), call("GET", "/cluster/settings")]);
        render(status, sessions);
        document.getElementById("own-settings").value = JSON.stringify(settings);
        document.body.dataset.loaded = "true";
    } catch (e) {
        say(`The node does not answer: ${e.message}`, true);
    }
}

document.getElementById("refresh").addEventListener("click", refresh);
document.getElementById("join").addEventListener("click", join);
document.getElementById("copy-settings").addEventListener("click", copySettings);
refresh();
setInterval(refresh, 5000);
