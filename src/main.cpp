#include "qemu_docker/cli/application.h"

int main(int argc, char** argv) {
    return qd::run_application(argc, argv);
}
