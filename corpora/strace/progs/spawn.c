/*
 * spawn.c: a child made by vfork() that runs /bin/true with execve(), and
 * one made by posix_spawn() (clone3 with CLONE_VFORK in glibc 2.36).
 */
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int
main(void)
{
	char *argv[] = { "true", NULL };
	pid_t pid = vfork();

	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
	if (posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ) == 0)
		waitpid(pid, NULL, 0);
	return 0;
}
