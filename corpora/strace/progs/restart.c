/*
 * restart.c: a read() interrupted by SIGALRM, whose handler was installed
 * with SA_RESTART, is restarted by the kernel; the pipe's writer is a child
 * that writes after 1.5 seconds.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void
on_alarm(int sig)
{
	(void)sig;
}

int
main(void)
{
	int pfd[2];
	char buf[8];
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	if (pipe(pfd) != 0)
		return 1;
	if (fork() == 0) {
		struct timespec ts = { 1, 500 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		(void)write(pfd[1], "done", 4);
		_exit(0);
	}
	alarm(1);
	(void)read(pfd[0], buf, sizeof(buf));
	wait(NULL);
	return 0;
}
