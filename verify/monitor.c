/*
 * monitor.c: a policy as an offline monitor of a log.  Each rule is an
 * automaton whose configurations are a state and the values its variables
 * took; per process, the set of configurations after each call the policy
 * examines is every successor of every configuration (a simulation of the
 * nondeterministic automaton, carrying the bindings, as an EFSA with
 * registers runs).  A call after which some configuration is accepting
 * completes the rule's pattern: a violation.  Children start with a copy of
 * their parent's configurations.
 */
#include <string.h>

#include "internal.h"
#include "trace/procs.h"

#define MAX_CONFIGS 256

struct config {
	unsigned state;
	struct binding b;
};

struct mproc {
	GPtrArray **configs;	/* per rule: of struct config * */
	int64_t *counters;	/* per counter of the policy */
};

struct monitor {
	const struct policy *p;
	struct policy_result *res;
	GString *buf;
	int64_t *run;		/* the counters of scope run, one for the
				 * whole trace */
	struct files *files;	/* what the trace showed of files, when a
				 * condition asks; else NULL */
};

static void
config_free(gpointer p)
{
	struct config *c = p;

	binding_destroy(&c->b);
	g_free(c);
}

static struct config *
config_new(unsigned state, const struct binding *b)
{
	struct config *c = g_new0(struct config, 1);

	c->state = state;
	binding_copy(&c->b, b);
	return c;
}

static void *
on_fork(void *ctx, struct proc *parent)
{
	struct monitor *m = ctx;
	struct mproc *mp = g_new0(struct mproc, 1);
	guint r, i;

	mp->configs = g_new0(GPtrArray *, m->p->rules->len + 1);
	mp->counters = g_new0(int64_t, m->p->counters->len + 1);
	for (r = 0; r < m->p->counters->len; r++)
		mp->counters[r] = parent != NULL ? ((const struct mproc *)
		    parent->data)->counters[r] : ((const struct counter *)
		    m->p->counters->pdata[r])->init;
	for (r = 0; r < m->p->rules->len; r++) {
		const struct prule *rule = m->p->rules->pdata[r];

		mp->configs[r] = g_ptr_array_new_with_free_func(config_free);
		if (parent == NULL) {
			struct binding empty;

			binding_init(&empty, rule->vars->len);
			g_ptr_array_add(mp->configs[r], config_new(rule->start,
			    &empty));
			binding_destroy(&empty);
			continue;
		}
		{
			const struct mproc *pp = parent->data;

			for (i = 0; i < pp->configs[r]->len; i++) {
				const struct config *c =
				    pp->configs[r]->pdata[i];

				g_ptr_array_add(mp->configs[r],
				    config_new(c->state, &c->b));
			}
		}
	}
	return mp;
}

static void
on_exec(void *ctx, struct proc *p)
{
	/* a pattern goes on across execve */
}

static void
on_done(void *ctx, struct proc *p)
{
	struct monitor *m = ctx;
	struct mproc *mp = p->data;
	guint r;

	for (r = 0; r < m->p->rules->len; r++)
		g_ptr_array_free(mp->configs[r], TRUE);
	g_free(mp->configs);
	g_free(mp->counters);
	g_free(mp);
}

static bool
has_config(const GPtrArray *v, unsigned state, const struct binding *b)
{
	guint i;

	for (i = 0; i < v->len; i++) {
		const struct config *c = v->pdata[i];

		if (c->state == state && binding_equal(&c->b, b))
			return true;
	}
	return false;
}

/* The call as text: name(values), for the report. */
static char *
call_text(const struct call *c)
{
	GString *s = g_string_new(c->name);
	unsigned i;

	g_string_append_c(s, '(');
	for (i = 0; i < c->nargs; i++) {
		const struct call_val *v = &c->args[i];

		if (i > 0)
			g_string_append(s, ", ");
		switch (v->kind) {
		case CALL_VAL_NONE:
			g_string_append(s, "...");
			break;
		case CALL_VAL_INT:
			/* an fd of -100 is a dirfd's AT_FDCWD (no fd is
			 * negative): as strace prints it */
			if (c->role[i] == 'f' && v->num == -100)
				g_string_append(s, "AT_FDCWD");
			else
				g_string_append_printf(s, "%" G_GINT64_FORMAT,
				    v->num);
			if (v->str != NULL)
				g_string_append_printf(s, "<%s>", v->str);
			break;
		case CALL_VAL_STR:
			g_string_append_printf(s, "\"%s\"", v->str);
			break;
		case CALL_VAL_FLAGS:
			if (v->sa != NULL)
				sockaddr_text(s, v->sa);
			else
				g_string_append(s, v->str);
			break;
		}
	}
	g_string_append_c(s, ')');
	/* the result as strace prints it: "= 3", "= -1 ENOENT", "= ?" */
	if (c->ret_kind == RET_VALUE) {
		g_string_append_printf(s, " = %" G_GINT64_FORMAT, c->ret);
		if (c->err != NULL)
			g_string_append_printf(s, " %s", c->err);
	} else if (c->ret_kind == RET_UNKNOWN) {
		g_string_append(s, " = ?");
	}
	return g_string_free(s, FALSE);
}

/* The call's text, followed by the counters the rule read: "write(3) =
 * 512 with bytes_written = 1000448" (text is taken). */
static char *
with_counters(const struct policy *p, const struct prule *rule, char *text,
    const int64_t *counters)
{
	GString *s = g_string_new(text);
	guint i;

	g_free(text);
	for (i = 0; i < rule->reads->len; i++) {
		guint k = g_array_index(rule->reads, guint, i);

		g_string_append_printf(s, "%s %s = %" G_GINT64_FORMAT,
		    i == 0 ? " with" : ",", ((const struct counter *)
		    p->counters->pdata[k])->name, counters[k]);
	}
	return g_string_free(s, FALSE);
}

static void
on_call(void *ctx, struct proc *p, const struct call *c)
{
	struct monitor *m = ctx;
	struct mproc *mp = p->data;
	guint r, i, k;

	m->res->calls++;
	if (!g_hash_table_contains(m->p->mentioned, c->name)) {
		if (m->files != NULL)
			files_track(m->files, c);
		return;
	}
	m->res->examined++;
	files_call_begin(m->files);
	for (k = 0; k < m->p->counters->len; k++)
		if (((const struct counter *)m->p->counters->pdata[k])->run)
			mp->counters[k] = m->run[k];
	updates_apply(m->p, c, mp->counters, m->files);
	for (k = 0; k < m->p->counters->len; k++)
		if (((const struct counter *)m->p->counters->pdata[k])->run)
			m->run[k] = mp->counters[k];
	for (r = 0; r < m->p->rules->len; r++) {
		const struct prule *rule = m->p->rules->pdata[r];
		GPtrArray *now = mp->configs[r];
		GPtrArray *next = g_ptr_array_new_with_free_func(config_free);
		bool hit = false;

		for (i = 0; i < now->len; i++) {
			const struct config *cf = now->pdata[i];
			GArray *out = rule->out[cf->state];

			for (k = 0; k < out->len; k++) {
				const struct ptrans *t = &g_array_index(out,
				    struct ptrans, k);
				struct binding trial;
				bool ok;

				binding_copy(&trial, &cf->b);
				trial.counters = mp->counters;
				trial.files = m->files;
				ok = t->label == LABEL_ANY ||
				    event_matches(rule->events->pdata[t->label],
				    c, &trial);
				if (ok && !has_config(next, t->dst, &trial)) {
					if (next->len >= MAX_CONFIGS) {
						m->res->truncated = true;
						g_ptr_array_remove_index(next, 0);
					}
					g_ptr_array_add(next,
					    config_new(t->dst, &trial));
					hit |= rule->accepting[t->dst];
				}
				binding_destroy(&trial);
			}
		}
		g_ptr_array_free(now, TRUE);
		mp->configs[r] = next;
		if (hit) {
			struct policy_violation *v = g_new0(
			    struct policy_violation, 1);

			v->file = c->file;
			v->line = c->line;
			v->pid = p->pid;
			v->program = g_strdup(p->program);
			v->call = call_text(c);
			if (rule->reads != NULL)
				v->call = with_counters(m->p, rule, v->call,
				    mp->counters);
			v->rule = r;
			v->assumption = files_assumption(m->files);
			g_ptr_array_add(m->res->violations, v);
		}
	}
	/* the rules saw the files as they were before the call */
	if (m->files != NULL)
		files_track(m->files, c);
}

static void
violation_free(gpointer p)
{
	struct policy_violation *v = p;

	g_free(v->program);
	g_free(v->call);
	g_free(v->assumption);
	g_free(v);
}

void
policy_result_free(struct policy_result *res)
{
	if (res == NULL)
		return;
	g_ptr_array_free(res->violations, TRUE);
	g_free(res);
}

static gint
by_line(gconstpointer a, gconstpointer b)
{
	const struct policy_violation *x =
	    *(const struct policy_violation *const *)a;
	const struct policy_violation *y =
	    *(const struct policy_violation *const *)b;
	int c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Whether some rule or update of p asks a file's state. */
static bool
policy_asks_files(const struct policy *p)
{
	guint r, i;

	for (r = 0; r < p->rules->len; r++) {
		const struct prule *rule = p->rules->pdata[r];

		for (i = 0; i < rule->events->len; i++)
			if (event_asks_files(rule->events->pdata[i]))
				return true;
	}
	for (i = 0; i < p->updates->len; i++)
		if (event_asks_files(((const struct pupdate *)
		    p->updates->pdata[i])->ev))
			return true;
	return false;
}

struct policy_result *
policy_monitor(const struct policy *p, struct strace_reader *r,
    const char *name, GError **err)
{
	return policy_monitor_with(p, r, name, NULL, err);
}

struct policy_result *
policy_monitor_with(const struct policy *p, struct strace_reader *r,
    const char *name, const struct monitor_opts *opts, GError **err)
{
	static const struct procs_ops ops = { on_call, on_exec, on_fork,
	    on_done };
	struct monitor m = { p, g_new0(struct policy_result, 1), NULL,
	    g_new0(int64_t, p->counters->len + 1), NULL };
	struct procs_opts o = { PROCS_CONTEXT, 1, true, true, false };
	struct policy_result *res = m.res;
	guint k;

	m.res->violations = g_ptr_array_new_with_free_func(violation_free);
	for (k = 0; k < p->counters->len; k++)
		m.run[k] = ((const struct counter *)p->counters->pdata[k])->init;
	if (policy_asks_files(p)) {
		m.files = files_new();
		if (opts != NULL && opts->existed != NULL &&
		    !files_before_read(m.files, opts->existed, name, err))
			goto fail;
	}
	if (!procs_run(r, name, &o, &ops, &m, err))
		goto fail;
	g_ptr_array_sort(m.res->violations, by_line);
	goto out;
fail:
	policy_result_free(m.res);
	res = NULL;
out:
	files_free(m.files);
	g_free(m.run);
	return res;
}
