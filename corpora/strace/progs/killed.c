/*
 * killed.c: one child blocks in read() and is killed with SIGKILL; one
 * dereferences NULL and dies of SIGSEGV; one exits with status 3; then the
 * parent reaps them all and exits 0.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(void)
{
	int pfd[2];
	struct rlimit nocore = { 0, 0 };
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	setrlimit(RLIMIT_CORE, &nocore);
	if (pipe(pfd) != 0)
		return 1;
	pid_t blocked = fork();
	if (blocked == 0) {
		char c;
		(void)read(pfd[0], &c, 1);
		_exit(0);
	}
	nanosleep(&ts, NULL);
	kill(blocked, SIGKILL);
	waitpid(blocked, NULL, 0);
	if (fork() == 0) {
		volatile int *p = NULL;
		*p = 1;
		_exit(0);
	}
	wait(NULL);
	if (fork() == 0)
		exit(3);
	wait(NULL);
	return 0;
}
